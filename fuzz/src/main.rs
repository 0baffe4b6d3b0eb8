//! `guanxi-fuzz TARGET [FILE...]`: runs one fuzz target. Built with `--features afl` (by
//! `cargo afl build --release --features afl`) it is an AFL++ harness reading its inputs from
//! AFL++; without, it runs the target once on each FILE (or on stdin), to reproduce a finding.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = guanxi_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    let Some(target) = args.first().and_then(|n| guanxi_fuzz::target(n)) else {
        eprintln!(
            "usage: guanxi-fuzz TARGET [FILE...]; targets: {}",
            names.join(", ")
        );
        std::process::exit(2);
    };
    run(target, &args[1..]);
}

#[cfg(feature = "afl")]
fn run(target: fn(&[u8]), _files: &[String]) {
    afl::fuzz!(|data: &[u8]| target(data));
}

#[cfg(not(feature = "afl"))]
fn run(target: fn(&[u8]), files: &[String]) {
    use std::io::Read as _;
    if files.is_empty() {
        let mut data = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut data) {
            eprintln!("guanxi-fuzz: stdin: {e}");
            std::process::exit(2);
        }
        target(&data);
    }
    for f in files {
        match std::fs::read(f) {
            Ok(data) => target(&data),
            Err(e) => {
                eprintln!("guanxi-fuzz: {f}: {e}");
                std::process::exit(2);
            }
        }
    }
}
