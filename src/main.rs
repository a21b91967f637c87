//! The `whosays` command-line tool; everything lives in `whosays::cli`.

fn main() -> std::process::ExitCode {
    whosays::cli::main()
}
