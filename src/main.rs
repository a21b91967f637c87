fn main() -> std::process::ExitCode {
    whosays::cli::main()
}
