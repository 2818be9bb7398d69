//! What the Rust benchmarks share: the corpus file named on the command line.

/// The arguments after `--` (cargo's own `--bench` flag left out), and the text of the corpus
/// file, the first of them: documents separated by NUL bytes. Prints how to call `bench` and
/// exits when the file is missing or unreadable.
pub fn read(bench: &str) -> (Vec<String>, String) {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench --bench {bench} -- FILE (NUL-separated documents)");
        std::process::exit(2);
    };
    match std::fs::read_to_string(path) {
        Ok(corpus) => (args, corpus),
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    }
}
