//! sqlx: a status is text to every database, and, on PostgreSQL, also the enum type the
//! `sql` target creates for it.
//!
//! Reading: a column is compatible when the database says it holds text, or when its type
//! is named as the schema names the status's PostgreSQL type (`order_status`). Writing: on
//! PostgreSQL (feature `sqlx-postgres`), a bound status is sent with its type left for the
//! server to infer from the statement, so one bind fits a `text` column and an
//! `order_status` column alike, with no cast in the query; every other database gets text.

use sqlx::{Database, TypeInfo};

/// Whether a column of type `ty` can hold the status whose PostgreSQL type is `sql_name`:
/// the type's name, compared as PostgreSQL folds unquoted names.
pub fn is_named<DB: Database>(ty: &DB::TypeInfo, sql_name: &str) -> bool {
    let name = ty.name();
    name.eq_ignore_ascii_case(sql_name)
        || name
            .rsplit('.')
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case(sql_name))
}

/// The parameter type a bound status declares: on PostgreSQL, none (OID 0), so that the
/// server infers the column's own type; elsewhere `None`, which keeps text.
pub fn parameter_type<DB: Database>() -> Option<DB::TypeInfo>
where
    DB::TypeInfo: 'static,
{
    #[cfg(feature = "sqlx-postgres")]
    {
        // A constant, compared by type: no allocation on every bind.
        const UNSPECIFIED: sqlx::postgres::PgTypeInfo =
            sqlx::postgres::PgTypeInfo::with_oid(sqlx::postgres::types::Oid(0));
        let unspecified: &dyn core::any::Any = &UNSPECIFIED;
        if let Some(info) = unspecified.downcast_ref::<DB::TypeInfo>() {
            return Some(info.clone());
        }
    }
    None
}
