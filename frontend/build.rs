//! The wasm keeps its relocations, which the splitter needs to cut it at the lazy routes
//! (`cargo xtask build-frontend`); set here, not in RUSTFLAGS, so the dependencies are not
//! rebuilt for it.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-cdylib=--emit-relocs");
    }
}
