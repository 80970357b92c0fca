//! Brotli and gzip copies of the built app, made once at start-up.
//!
//! Compressing a 200 KB wasm file at brotli quality 11 takes most of a second, far too slow
//! per request, and the assets never change between deploys. So the server writes `.br` and
//! `.gz` siblings next to each compressible file when they are missing or stale, and
//! `ServeDir` picks them by `Accept-Encoding`. A read-only static folder is fine: the server
//! logs a warning and serves the files uncompressed.

use std::fs;
use std::io::Write;
use std::path::Path;

const COMPRESSIBLE: &[&str] = &[
    "html", "js", "mjs", "css", "wasm", "bin", "svg", "json", "txt", "xml", "ico",
];
/// Files smaller than this gain nothing worth a second file.
const MIN_SIZE: u64 = 512;

/// Summary of one precompression pass.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub written: usize,
    pub up_to_date: usize,
    pub failed: usize,
}

/// Writes missing or stale `.br` and `.gz` files under `dir`, recursively.
pub fn precompress_dir(dir: &Path) -> Report {
    let mut report = Report::default();
    visit(dir, &mut report);
    report
}

fn visit(dir: &Path, report: &mut Report) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            visit(&path, report);
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible || meta.len() < MIN_SIZE {
            continue;
        }
        for (suffix, compress) in [
            ("br", brotli_bytes as fn(&[u8]) -> Vec<u8>),
            ("gz", gzip_bytes),
        ] {
            let mut target = path.clone().into_os_string();
            target.push(".");
            target.push(suffix);
            let target = std::path::PathBuf::from(target);
            let fresh = fs::metadata(&target)
                .and_then(|t| Ok(t.modified()? >= meta.modified()?))
                .unwrap_or(false);
            if fresh {
                report.up_to_date += 1;
                continue;
            }
            let result =
                fs::read(&path).and_then(|bytes| write_atomically(&target, &compress(&bytes)));
            match result {
                Ok(()) => report.written += 1,
                Err(err) => {
                    report.failed += 1;
                    tracing::warn!(file = %target.display(), error = %err, "could not precompress");
                }
            }
        }
    }
}

fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    let mut file = fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    fs::rename(&tmp, target)
}

pub(crate) fn brotli_bytes(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    // Writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut &input[..], &mut out, &params);
    out
}

fn gzip_bytes(input: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(input);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressible_files_get_br_and_gz_siblings_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let js = dir.path().join("app.js");
        fs::write(&js, "console.log('hello');\n".repeat(100)).expect("write");
        fs::write(dir.path().join("tiny.js"), "x").expect("write");
        fs::write(dir.path().join("photo.png"), vec![0u8; 4096]).expect("write");

        let first = precompress_dir(dir.path());
        assert_eq!(
            first,
            Report {
                written: 2,
                up_to_date: 0,
                failed: 0
            }
        );
        assert!(dir.path().join("app.js.br").is_file());
        assert!(dir.path().join("app.js.gz").is_file());
        assert!(!dir.path().join("tiny.js.br").exists());
        assert!(!dir.path().join("photo.png.br").exists());

        let br = fs::read(dir.path().join("app.js.br")).expect("read");
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).expect("valid brotli");
        assert_eq!(decoded, fs::read(&js).expect("read"));

        let second = precompress_dir(dir.path());
        assert_eq!(
            second,
            Report {
                written: 0,
                up_to_date: 2,
                failed: 0
            }
        );
    }
}
