//! `cargo xtask build-frontend [--release] [--out DIR]`: builds the browser bundle the
//! server serves — the hydrate wasm, its JS glue, and the stylesheet — with nothing but
//! cargo and crates (wasm-bindgen runs as a library pinned to the frontend's version),
//! then pre-compresses it so the server sends gzip/brotli without spending CPU per request.
//! The wasm is split (`wasm_split_cli_support`, as cargo-leptos `--split` does) so pages
//! marked lazy load when first opened.

use std::{
    collections::BTreeMap,
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

/// The name the server's hydration script asks for (`LeptosOptions::output_name`).
const OUTPUT_NAME: &str = "paillasse";

/// The loader module the split wasm imports its chunks through (the name leptos expects).
const SPLIT_LINK: &str = "./__wasm_split.______________________.js";

/// Which chunks each lazy page needs, read by the server to hint them with the page.
const SPLIT_MANIFEST: &str = "__wasm_split_manifest.json";

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(task) = args.next() else {
        bail!("usage: cargo xtask build-frontend [--release] [--out DIR]");
    };
    if task != "build-frontend" {
        bail!("unknown task {task:?}; the only task is build-frontend");
    }
    let mut release = false;
    let mut out = workspace_root().join("target/site");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--release" => release = true,
            "--out" => out = PathBuf::from(args.next().context("--out needs a directory")?),
            other => bail!("unknown option {other:?}"),
        }
    }
    build_frontend(release, &out)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn build_frontend(release: bool, site: &Path) -> Result<()> {
    let root = workspace_root();
    let profile = if release { "wasm-release" } else { "wasm-dev" };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["build", "--package", "frontend", "--lib"])
        .args(["--target", "wasm32-unknown-unknown", "--profile", profile])
        .status()
        .context("running cargo build for the frontend")?;
    if !status.success() {
        bail!("building the frontend failed");
    }
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let profile_dir = if release { "wasm-release" } else { "wasm-dev" };
    let wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(profile_dir)
        .join("frontend.wasm");

    // Made beside the bundle in use, then swapped in whole: a server reading the old
    // one never sees half of each.
    let pkg = site.join("pkg");
    let fresh = site.join("pkg.new");
    if fresh.exists() {
        fs::remove_dir_all(&fresh).with_context(|| format!("clearing {}", fresh.display()))?;
    }
    fs::create_dir_all(&fresh)?;
    // Split first (it reads the linker's relocations, which wasm-bindgen drops): the pages
    // marked lazy go to chunks fetched when first opened; the scan page, sign-in and the
    // frame stay in the main module. Every file is flat and found relative to the glue,
    // so the bundle works under any `/pkg/{build-id}/`.
    let input = fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let main_split = wasm.with_file_name("frontend_split.wasm");
    let main_module = format!("./{OUTPUT_NAME}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &fresh;
        options.main_out_path = &main_split;
        options.main_module = &main_module;
        options.link_name = SPLIT_LINK;
        options
    })
    .map_err(|e| anyhow::anyhow!("splitting the wasm: {e:?}"))?;
    // The splitter copies the function names into each chunk; as for the main module
    // below, only a debugger reads them.
    if release {
        for chunk in &split.split_modules {
            let bytes = fs::read(chunk)?;
            fs::write(chunk, without_names(&bytes)?)?;
        }
    }
    // Which chunks each lazy page needs, in a stable order (the build id hashes it).
    let manifest: BTreeMap<String, Vec<String>> = split.prefetch_map.into_iter().collect();
    fs::write(
        fresh.join(SPLIT_MANIFEST),
        serde_json::to_vec_pretty(&manifest)?,
    )?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main_split)
        .out_name(OUTPUT_NAME)
        .web(true)?
        .debug(!release)
        // The chunks reach the main module's function table through this export.
        .keep_lld_exports(true)
        // The function names (half the release wasm: view types make names thousands of
        // characters long) only serve a debugger; a third of what a browser downloads.
        .remove_name_section(release)
        .remove_producers_section(release)
        .typescript(false)
        .generate(&fresh)
        .context("generating the JS bindings")?;
    // An import the splitter failed to route leaves a bare specifier the browser refuses:
    // nothing would hydrate.
    let glue = fs::read_to_string(fresh.join(format!("{OUTPUT_NAME}.js")))?;
    if glue.contains("__wbindgen_placeholder__") {
        bail!("the split bundle's glue still imports __wbindgen_placeholder__");
    }
    fs::write(fresh.join(format!("{OUTPUT_NAME}.css")), stylesheet(&root)?)?;

    // Brotli's best level takes many seconds on a debug-sized wasm; debug builds don't
    // need the last percent.
    let brotli_quality = if release { 11 } else { 5 };
    let build_id = match install(site, brotli_quality)? {
        Installed::Unchanged(build_id) => {
            println!(
                "frontend ({profile}) unchanged in {}: build id {build_id}",
                site.display()
            );
            return Ok(());
        }
        Installed::New(build_id) => build_id,
    };
    let wasm_out = pkg.join(format!("{OUTPUT_NAME}_bg.wasm"));
    let raw = fs::metadata(&wasm_out)?.len();
    let gz = fs::metadata(wasm_out.with_extension("wasm.gz"))?.len();
    let br = fs::metadata(wasm_out.with_extension("wasm.br"))?.len();
    println!(
        "frontend ({profile}) built in {}: wasm {} KiB, gzip {} KiB, brotli {} KiB; build id {build_id}",
        site.display(),
        raw / 1024,
        gz / 1024,
        br / 1024
    );
    Ok(())
}

/// The module without its `name` and `producers` sections, every other section as it was.
fn without_names(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut module = wasm_encoder::Module::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        if let wasmparser::Payload::CustomSection(custom) = &payload {
            if matches!(custom.name(), "name" | "producers") {
                continue;
            }
        }
        if let Some((id, range)) = payload.as_section() {
            let data = &wasm[range.start as usize..range.end as usize];
            module.section(&wasm_encoder::RawSection { id, data });
        }
    }
    Ok(module.finish())
}

/// What [`install`] did with the bundle made in `pkg.new`.
#[derive(Debug, PartialEq)]
enum Installed {
    /// The same bytes as the bundle in use: that one is kept with its compressed files.
    Unchanged(String),
    /// Compressed and swapped in whole under this build id.
    New(String),
}

/// Puts the bundle made in `site/pkg.new` in place of `site/pkg`, compressed, and
/// records its build id; or, when it is byte for byte the bundle in use, drops it and
/// keeps the old one's compressed files (brotli's best level spent about 1.5 minutes on
/// the release wasm at every `scripts/run`).
fn install(site: &Path, brotli_quality: i32) -> Result<Installed> {
    let pkg = site.join("pkg");
    let fresh = site.join("pkg.new");
    let files = files_under(&fresh)?;
    let build_id = build_id(&files)?;
    let previous = fs::read_to_string(site.join("build-id")).unwrap_or_default();
    if previous.trim() == build_id && compressed_in(&pkg, &files) {
        fs::remove_dir_all(&fresh)?;
        return Ok(Installed::Unchanged(build_id));
    }
    for file in &files {
        precompress(file, brotli_quality)?;
    }
    let old = site.join("pkg.old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if pkg.exists() {
        fs::rename(&pkg, &old)?;
    }
    fs::rename(&fresh, &pkg)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::write(site.join("build-id"), &build_id)?;
    Ok(Installed::New(build_id))
}

/// One stylesheet per area in `app/style/`, served as one file in name order.
fn stylesheet(root: &Path) -> Result<String> {
    let mut parts: Vec<PathBuf> = fs::read_dir(root.join("app/style"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .collect();
    parts.sort();
    let mut css = String::new();
    for part in parts {
        css.push_str(&format!(
            "/* {} */\n",
            part.file_name().unwrap_or_default().to_string_lossy()
        ));
        css.push_str(&fs::read_to_string(&part)?);
        css.push('\n');
    }
    Ok(css)
}

/// Whether `pkg` holds every one of `files` (by name) with its gzip and brotli forms.
fn compressed_in(pkg: &Path, files: &[PathBuf]) -> bool {
    files.iter().all(|f| {
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        ["", ".gz", ".br"]
            .iter()
            .all(|ext| pkg.join(format!("{name}{ext}")).is_file())
    })
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files_under(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Names this exact bundle, so the server can serve it under `/pkg/{id}/` with an
/// immutable cache lifetime and a new build is never mixed with a cached old one.
fn build_id(files: &[PathBuf]) -> Result<String> {
    let mut hash = Sha256::new();
    for file in files {
        hash.update(file.file_name().unwrap_or_default().as_encoded_bytes());
        hash.update(fs::read(file)?);
    }
    Ok(hex::encode(&hash.finalize()[..8]))
}

fn precompress(file: &Path, brotli_quality: i32) -> Result<()> {
    let bytes = fs::read(file)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    gz.write_all(&bytes)?;
    fs::write(append_ext(file, "gz"), gz.finish()?)?;

    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: brotli_quality,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)?;
    fs::write(append_ext(file, "br"), br)?;
    Ok(())
}

fn append_ext(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_loses_its_names_and_nothing_else() {
        let mut module = wasm_encoder::Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        module.section(&wasm_encoder::CustomSection {
            name: "name".into(),
            data: b"\x01\x05names".as_slice().into(),
        });
        module.section(&wasm_encoder::CustomSection {
            name: "target_features".into(),
            data: b"kept".as_slice().into(),
        });
        let stripped = without_names(&module.finish()).unwrap();
        let customs: Vec<String> = wasmparser::Parser::new(0)
            .parse_all(&stripped)
            .filter_map(|p| match p.unwrap() {
                wasmparser::Payload::CustomSection(c) => Some(c.name().to_owned()),
                _ => None,
            })
            .collect();
        assert_eq!(customs, ["target_features"]);
        let types = wasmparser::Parser::new(0)
            .parse_all(&stripped)
            .filter(|p| matches!(p, Ok(wasmparser::Payload::TypeSection(_))))
            .count();
        assert_eq!(types, 1, "the other sections are kept");
    }

    /// Writes a bundle of `files` (name, bytes) into `site/pkg.new`, as a build would.
    fn made(site: &Path, files: &[(&str, &[u8])]) {
        let fresh = site.join("pkg.new");
        fs::create_dir_all(&fresh).unwrap();
        for (name, bytes) in files {
            fs::write(fresh.join(name), bytes).unwrap();
        }
    }

    #[test]
    fn an_unchanged_bundle_keeps_its_compressed_files_and_a_changed_one_is_recompressed() {
        let site = tempfile::tempdir().unwrap();
        let site = site.path();
        let glue: &[u8] = b"export function run() {}";
        made(
            site,
            &[("paillasse.js", glue), ("paillasse_bg.wasm", b"\0asm v1")],
        );
        let Installed::New(first) = install(site, 1).unwrap() else {
            panic!("a first bundle is installed")
        };
        let pkg = site.join("pkg");
        assert_eq!(fs::read_to_string(site.join("build-id")).unwrap(), first);
        assert!(pkg.join("paillasse_bg.wasm.br").is_file());
        assert!(pkg.join("paillasse.js.gz").is_file());
        assert!(!site.join("pkg.new").exists());

        // Mark the compressed file: if the next identical build recompressed, the mark
        // would be gone.
        fs::write(pkg.join("paillasse_bg.wasm.br"), b"kept").unwrap();
        made(
            site,
            &[("paillasse.js", glue), ("paillasse_bg.wasm", b"\0asm v1")],
        );
        assert_eq!(
            install(site, 1).unwrap(),
            Installed::Unchanged(first.clone())
        );
        assert_eq!(fs::read(pkg.join("paillasse_bg.wasm.br")).unwrap(), b"kept");
        assert!(!site.join("pkg.new").exists());

        made(
            site,
            &[("paillasse.js", glue), ("paillasse_bg.wasm", b"\0asm v2")],
        );
        let Installed::New(second) = install(site, 1).unwrap() else {
            panic!("a changed bundle is installed")
        };
        assert_ne!(second, first);
        assert_eq!(fs::read_to_string(site.join("build-id")).unwrap(), second);
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(
            &mut fs::read(pkg.join("paillasse_bg.wasm.br"))
                .unwrap()
                .as_slice(),
            &mut decoded,
        )
        .unwrap();
        assert_eq!(decoded, b"\0asm v2");
    }

    #[test]
    fn a_bundle_missing_its_compressed_files_is_compressed_again() {
        let site = tempfile::tempdir().unwrap();
        let site = site.path();
        made(site, &[("paillasse.css", b"body {}")]);
        let Installed::New(id) = install(site, 1).unwrap() else {
            panic!("a first bundle is installed")
        };
        fs::remove_file(site.join("pkg/paillasse.css.gz")).unwrap();
        made(site, &[("paillasse.css", b"body {}")]);
        assert_eq!(install(site, 1).unwrap(), Installed::New(id));
        assert!(site.join("pkg/paillasse.css.gz").is_file());
    }

    #[test]
    fn files_of_an_older_bundle_do_not_linger() {
        let site = tempfile::tempdir().unwrap();
        let site = site.path();
        made(site, &[("old.js", b"1"), ("paillasse.css", b"a")]);
        install(site, 1).unwrap();
        made(site, &[("paillasse.css", b"b")]);
        install(site, 1).unwrap();
        assert!(!site.join("pkg/old.js").exists());
        assert!(!site.join("pkg/old.js.br").exists());
        assert!(!site.join("pkg.old").exists());
    }
}
