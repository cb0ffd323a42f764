-- The team's own migration, before statuskit: pipeline runs with the values two services
-- wrote (one wrote `success`, the other `SUCCESS` and `succeeded`).
CREATE TABLE pipeline_runs (
    id bigint PRIMARY KEY,
    status text NOT NULL DEFAULT 'pending'
);
INSERT INTO pipeline_runs (id, status) VALUES
    (1, 'pending'), (2, 'running'), (3, 'success'), (4, 'SUCCESS'), (5, 'succeeded'), (6, 'failed');
