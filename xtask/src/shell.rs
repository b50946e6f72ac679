//! Running commands so that a person sees what is happening: each step is
//! announced, its output streams through, and a failure names the step.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a command stopped, as a sentence for the user.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure { message: message.into() }
    }
}

/// Tests passed and failed, summed over every runner's closing lines.
#[derive(Debug, Default)]
pub struct TestTally {
    pub passed: u64,
    pub failed: u64,
}

impl TestTally {
    /// Reads one output line of `cargo test`, `wasm-bindgen-test-runner` or
    /// `node --test` and adds the counts it reports.
    pub fn read_line(&mut self, line: &str) {
        let line = line.trim();
        // cargo test / wasm-bindgen-test-runner: "test result: ok. 12 passed; 0 failed; ..."
        if let Some(rest) = line.strip_prefix("test result:") {
            for part in rest.split([';', '.']) {
                let mut words = part.split_whitespace();
                if let (Some(number), Some(word)) = (words.next(), words.next()) {
                    if let Ok(number) = number.parse::<u64>() {
                        match word {
                            "passed" => self.passed += number,
                            "failed" => self.failed += number,
                            _ => {}
                        }
                    }
                }
            }
            return;
        }
        // node --test: "# pass 7" (TAP) or "ℹ pass 7" (spec reporter).
        let rest = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ "));
        if let Some(rest) = rest {
            let mut words = rest.split_whitespace();
            if let (Some(word), Some(number), None) = (words.next(), words.next(), words.next()) {
                if let Ok(number) = number.parse::<u64>() {
                    match word {
                        "pass" => self.passed += number,
                        "fail" => self.failed += number,
                        _ => {}
                    }
                }
            }
        }
    }
}

/// One announced command.
pub struct Step {
    title: String,
    command: Command,
    program: String,
}

impl Step {
    pub fn new(title: &str, program: &str) -> Step {
        Step { title: title.to_string(), command: Command::new(program), program: program.to_string() }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Step {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Step
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Step {
        self.command.current_dir(dir);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Step {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Step {
        self.command.env_remove(key);
        self
    }

    /// Puts `dir` first on the command's PATH (for tools installed inside the project).
    pub fn path_prepend(mut self, dir: PathBuf) -> Step {
        let mut paths = vec![dir];
        if let Some(current) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&current));
        }
        let joined: OsString = std::env::join_paths(paths).unwrap_or_default();
        self.command.env("PATH", joined);
        self
    }

    fn announce(&self) {
        let mut line = self.program.clone();
        for arg in self.command.get_args() {
            line.push(' ');
            line.push_str(&arg.to_string_lossy());
        }
        println!("\n==> {}\n    $ {line}", self.title);
        let _ = std::io::stdout().flush();
    }

    fn spawn_error(&self, error: std::io::Error) -> Failure {
        Failure::new(format!("{}: cannot run `{}`: {error}", self.title, self.program))
    }

    /// Runs the command with its output shown as it comes.
    pub fn run(mut self) -> Result<(), Failure> {
        self.announce();
        let status = self.command.status().map_err(|e| self.spawn_error(e))?;
        if status.success() {
            Ok(())
        } else {
            Err(Failure::new(format!("{} ({} exited with {status})", self.title, self.program)))
        }
    }

    /// Runs the command, showing its output, and adds the test counts it
    /// prints to `tally`.
    pub fn run_counting(mut self, tally: &mut TestTally) -> Result<(), Failure> {
        self.announce();
        let mut child = self.command.stdout(Stdio::piped()).spawn().map_err(|e| self.spawn_error(e))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut reader = BufReader::new(stdout);
        let mut raw = Vec::new();
        loop {
            raw.clear();
            match reader.by_ref().read_until(b'\n', &mut raw) {
                Ok(0) => break,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&raw);
                    print!("{line}");
                    tally.read_line(&line);
                }
                Err(error) => return Err(Failure::new(format!("{}: reading its output failed: {error}", self.title))),
            }
        }
        let _ = std::io::stdout().flush();
        let status = child.wait().map_err(|e| self.spawn_error(e))?;
        if status.success() {
            Ok(())
        } else {
            Err(Failure::new(format!("{} ({} exited with {status})", self.title, self.program)))
        }
    }

    /// Runs the command quietly and returns its standard output, or `None`
    /// when it cannot run or fails. For probing what is installed.
    pub fn probe(mut self) -> Option<String> {
        let output = self.command.stderr(Stdio::null()).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// Prints the size of every file of a built site raw, gzip- and
/// brotli-compressed, and the totals (`xtask/sizes.mjs`, with Node's zlib, so
/// no compression crate is needed here).
pub fn print_dist_sizes(root: &Path, dist: &Path) {
    println!("\n==> sizes of {}", dist.display());
    let printed = Step::new("sizes", "node").arg(root.join("xtask/sizes.mjs")).arg(dist).run_quietly_shown();
    if !printed {
        println!("    (could not measure {}: node failed)", dist.display());
    }
}

impl Step {
    /// Runs without announcing, output shown; true when it succeeded.
    fn run_quietly_shown(mut self) -> bool {
        self.command.status().map(|status| status.success()).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::TestTally;

    #[test]
    fn reads_closing_lines_of_every_runner() {
        let mut tally = TestTally::default();
        tally.read_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        tally.read_line("test result: FAILED. 3 passed; 2 failed; 0 ignored");
        tally.read_line("# pass 7");
        tally.read_line("ℹ fail 1");
        tally.read_line("ℹ pass 2 of something");
        assert_eq!((tally.passed, tally.failed), (22, 3));
    }
}
