//! Where sellers' uploaded pictures are kept (`web::uploads` checks and encodes them): an
//! interface, files in one folder, and memory.

use std::path::PathBuf;

/// Where uploaded pictures are kept. Keys are `[a-z0-9-]+\.(png|jpg)`.
pub trait MediaStore: Send + Sync {
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// `None` when there is no such picture.
    fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>>;
}

/// Pictures as files in one folder.
pub struct FileMediaStore {
    dir: PathBuf,
}

impl FileMediaStore {
    /// The folder is created when missing.
    pub fn new(dir: impl Into<PathBuf>) -> std::io::Result<FileMediaStore> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)?;
        Ok(FileMediaStore { dir })
    }
}

impl MediaStore for FileMediaStore {
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        // Written aside and renamed, so a reader never sees half a picture.
        let part = self.dir.join(format!("{key}.part"));
        std::fs::write(&part, bytes)?;
        std::fs::rename(&part, self.dir.join(key))
    }

    fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        match std::fs::read(self.dir.join(key)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Pictures in memory: for tests, and a store started without a data folder.
#[derive(Default)]
pub struct MemoryMediaStore {
    files: std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>,
}

impl MediaStore for MemoryMediaStore {
    fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key.to_owned(), bytes.to_vec());
        Ok(())
    }

    fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        Ok(self
            .files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
            .cloned())
    }
}
