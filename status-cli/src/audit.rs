//! `statuskit audit`: the findings as an inventory or JSON, or a draft schema.

use std::io::Write;
use std::process::ExitCode;

use status_audit::Options;

use crate::load::IO_ERROR;
use crate::{AuditArgs, Format};

pub(crate) fn run(args: &AuditArgs) -> ExitCode {
    let mut options = Options::default();
    options.all = args.all;
    options.exclude.clone_from(&args.exclude);
    // A large tree takes seconds: say how far the walk is, where only people look.
    options.progress = Some(Box::new(|files| {
        let _ = write!(std::io::stderr(), "\raudit: {files} files read…");
    }));
    let report = match status_audit::audit(&args.dir, &options) {
        Ok(report) => report,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    if report.files >= 1000 {
        let _ = writeln!(std::io::stderr());
    }
    let text = if args.draft {
        status_audit::draft(&report)
    } else {
        match args.format {
            Format::Human => report.to_human(),
            Format::Json => crate::json::printable(&report.to_json()) + "\n",
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(IO_ERROR),
    }
}
