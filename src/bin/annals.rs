//! The `annals` command line: build and search a corpus index natively with
//! the engine the page runs (see the annals-cli crate).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    annals_cli::main();
}

// The web build compiles every target of this package for wasm32; there the
// command line has nothing to do.
#[cfg(target_arch = "wasm32")]
fn main() {}
