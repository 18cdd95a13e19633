//! The attachment store: each content kept once, as a file named by its SHA-256 under
//! `{data_dir}/attachments/ab/cdef…`. A file is written to a temporary name, flushed to
//! disk and renamed into place, so a crash never leaves half a file under a real name;
//! every read recomputes the hash, so a damaged file is reported, never served.

use std::{
    io::Write,
    path::{Path, PathBuf},
    sync::Arc,
};

use sha2::{Digest, Sha256};

use crate::{error::Result, ServiceError};

#[derive(Clone)]
pub struct FileStore {
    root: PathBuf,
    /// Uploads larger than this are refused (`--max-upload-mb`).
    pub max_bytes: u64,
    /// Images decoded at once (a photo may take 200 MB while decoded).
    images: Arc<tokio::sync::Semaphore>,
    /// Thumbnails made, by their image's SHA-256 (an image never changes).
    pub(crate) thumbnails: Arc<quick_cache::sync::Cache<String, Arc<Vec<u8>>>>,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("root", &self.root)
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

/// Images decoded at the same time, whatever the number of requests.
const IMAGES_AT_ONCE: usize = 2;
/// Thumbnails kept (each a few tens of KB).
const THUMBNAILS_KEPT: usize = 1024;

impl FileStore {
    pub fn new(data_dir: &Path, max_bytes: u64) -> Self {
        Self {
            root: data_dir.join("attachments"),
            max_bytes,
            images: Arc::new(tokio::sync::Semaphore::new(IMAGES_AT_ONCE)),
            thumbnails: Arc::new(quick_cache::sync::Cache::new(THUMBNAILS_KEPT)),
        }
    }

    /// A turn to decode an image; held while it is decoded.
    pub async fn image_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        // The semaphore is never closed.
        self.images.acquire().await.ok()
    }

    /// Keeps `bytes` (once, whatever the number of uploads) and returns their hex SHA-256.
    pub async fn put(&self, bytes: Vec<u8>) -> Result<String> {
        let root = self.root.clone();
        tokio::task::spawn_blocking(move || {
            let sha = hex::encode(Sha256::digest(&bytes));
            let path = path_of(&root, &sha);
            if path.exists() {
                return Ok(sha);
            }
            let dir = path.parent().unwrap_or(&root);
            std::fs::create_dir_all(dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            tmp.write_all(&bytes)?;
            tmp.as_file().sync_all()?;
            tmp.persist(&path).map_err(|e| e.error)?;
            // The rename itself must survive a power cut too.
            std::fs::File::open(dir)?.sync_all()?;
            Ok::<_, std::io::Error>(sha)
        })
        .await
        .map_err(|e| ServiceError::Storage(e.to_string()))?
        // A full disk is said as such (507), not as a fault.
        .map_err(ServiceError::from)
    }

    /// Writes and removes a small file where attachments are kept: the error says what
    /// stops uploads (a read-only or full disk, missing permissions).
    pub async fn probe(&self) -> std::io::Result<()> {
        let root = self.root.clone();
        tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&root)?;
            let mut tmp = tempfile::NamedTempFile::new_in(&root)?;
            tmp.write_all(b"probe")?;
            tmp.as_file().sync_all()?;
            tmp.close()
        })
        .await
        .map_err(std::io::Error::other)?
    }

    /// Where the attachments are kept.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The content kept under `sha256`, checked against it.
    pub async fn get(&self, sha256: &str) -> Result<Vec<u8>> {
        let path = path_of(&self.root, sha256);
        let expected = sha256.to_owned();
        tokio::task::spawn_blocking(move || {
            let bytes = std::fs::read(&path)
                .map_err(|e| ServiceError::Storage(format!("{}: {e}", path.display())))?;
            let found = hex::encode(Sha256::digest(&bytes));
            if found != expected {
                return Err(ServiceError::Storage(format!(
                    "{} is damaged: its content hashes to {found}",
                    path.display()
                )));
            }
            Ok(bytes)
        })
        .await
        .map_err(|e| ServiceError::Storage(e.to_string()))?
    }
}

/// `ab/cdef…`: 256 sub-directories keep any one directory small.
fn path_of(root: &Path, sha256: &str) -> PathBuf {
    let (head, tail) = sha256.split_at(2.min(sha256.len()));
    root.join(head).join(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn content_is_kept_once_and_checked_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path(), 1024);
        let a = store.put(b"certificate".to_vec()).await.unwrap();
        let b = store.put(b"certificate".to_vec()).await.unwrap();
        assert_eq!(a, b);
        assert_eq!(store.get(&a).await.unwrap(), b"certificate");
        let files: Vec<_> = walk(&dir.path().join("attachments"));
        assert_eq!(
            files.len(),
            1,
            "one file for two uploads of the same content"
        );

        std::fs::write(&files[0], b"tampered").unwrap();
        let err = store.get(&a).await.unwrap_err();
        assert!(err.to_string().contains("damaged"), "{err}");
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
