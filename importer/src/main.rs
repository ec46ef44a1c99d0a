//! `import-legislators`: converts congress-legislators' legislators-current.json
//! into a Letter Widget recipients list on standard output. The logic lives in
//! the `legislators` library beside it; this only does the input and output.

use legislators::{parse_args, run, Command, USAGE};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(Command::Import(args)) => args,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(mistake) => {
            eprintln!("import-legislators: {mistake}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let json = match std::fs::read_to_string(&args.path) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("import-legislators: cannot read {}: {e}", args.path);
            return ExitCode::FAILURE;
        }
    };
    match run(&args, &json) {
        Ok((out, warnings)) => {
            // Warnings go to standard error so that `> senators.json` keeps only the list.
            for warning in warnings {
                eprintln!("import-legislators: warning: {warning}");
            }
            // Not print!, which panics when the reader of a pipe (`| head`) goes away.
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("import-legislators: cannot write the list: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("import-legislators: {}: {e}", args.path);
            ExitCode::FAILURE
        }
    }
}
