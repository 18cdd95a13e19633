//! Real small file systems for the fault tests: a tmpfs of a few MiB fills up for real,
//! and a read-only one refuses writes for real. Mounting needs root (CI runs as root);
//! elsewhere the tests say how to run them and skip, except under `CI=true`.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

pub struct Mount {
    path: PathBuf,
}

impl Mount {
    /// Mounts a tmpfs at `path` (created if missing): `options` as for `mount -o`, e.g.
    /// `size=24m` or `ro,size=1m`. `None` when mounting is not possible here.
    pub fn tmpfs(path: &Path, options: &str) -> Option<Self> {
        std::fs::create_dir_all(path).expect("mount point");
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(path)
            .status();
        match status {
            Ok(s) if s.success() => Some(Self {
                path: path.to_owned(),
            }),
            other => {
                let why = format!(
                    "cannot mount a tmpfs ({other:?}): this fault test needs root \
                     (run `sudo -E cargo test -p paillasse-tests --test api faults`)"
                );
                if std::env::var("CI").as_deref() == Ok("true") {
                    panic!("{why}");
                }
                eprintln!("!!!!! SKIPPED: {why}");
                None
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        // Lazily: a file the test still holds open must not keep the mount alive.
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Fills the file system holding `dir` with one file until no byte more fits, and
/// returns the file (delete it to free the space).
pub fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("ballast");
    let mut file = std::fs::File::create(&path).expect("ballast file");
    let chunk = vec![0xA5u8; 64 * 1024];
    loop {
        if file.write_all(&chunk).is_err() {
            break;
        }
    }
    // Whatever small tail is left goes too.
    for _ in 0..64 {
        if file.write_all(&chunk[..1024]).is_err() {
            break;
        }
    }
    let _ = file.sync_all();
    path
}
