//! Writing files so that a reader never sees half of one: temp file beside the target, flushed,
//! synced, renamed over it. [`Staging`] does it for several files at once (all are written before
//! any is renamed), [`super::write_atomically`] for one.
//!
//! Every temp file in flight is registered, so that an interrupted run (Ctrl-C, `kill`) can remove
//! them before it exits: [`abort_pending_writes`], called from the command's signal handler,
//! deletes them and makes any later write fail, and the targets keep their previous content.
//!
//! Targets that are not regular files are handled as what they are: a directory is an error (not a
//! rename failure after the whole file was written), a symlink is followed (the link stays, the file
//! it points to is replaced), and a device or FIFO (`/dev/stdout`, `/dev/null`, a named pipe) is
//! written directly — renaming over it would replace the device node itself.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Distinguishes temp files of concurrent writes from one process.
static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Temp files that exist right now, and whether the process is being interrupted.
struct Registry {
    temps: Vec<PathBuf>,
    aborted: bool,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    temps: Vec::new(),
    aborted: false,
});

fn registry() -> MutexGuard<'static, Registry> {
    // A panic while holding the lock leaves the list as valid as before: keep using it.
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

/// Register a temp file written by other code (graph.sgb's columns), so that an interrupt removes
/// it too. Fails when the process is being interrupted.
pub fn register_temp(path: &Path) -> io::Result<()> {
    let mut reg = registry();
    if reg.aborted {
        return Err(interrupted());
    }
    reg.temps.push(path.to_path_buf());
    Ok(())
}

/// Remove a registered temp file if it is still there, and forget it.
pub fn discard_temp(path: &Path) {
    let mut reg = registry();
    reg.temps.retain(|t| t != path);
    let _ = fs::remove_file(path);
}

/// Remove every temp file of a write in progress and make later writes fail, leaving each target
/// with its previous content. For signal handlers: call it, then exit. Returns the number of temp
/// files removed.
pub fn abort_pending_writes() -> usize {
    let mut reg = registry();
    reg.aborted = true;
    let mut removed = 0;
    for temp in reg.temps.drain(..) {
        if fs::remove_file(&temp).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// One file written to its temp file, waiting to be renamed over its target.
#[derive(Debug)]
struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

/// Several files written to temp files first and renamed over their targets only when all of them
/// were written, so a failure (a full disk, a render error, an interrupt) while writing any of
/// them leaves every target as it was. Dropping a `Staging` without [`Staging::commit`] removes
/// its temp files.
///
/// ```no_run
/// # use std::io::Write;
/// use sharegraph::export::Staging;
/// let mut staging = Staging::new();
/// staging.write("out/a.csv".as_ref(), |w| w.write_all(b"a\n"))?;
/// staging.write("out/b.csv".as_ref(), |w| w.write_all(b"b\n"))?;
/// staging.commit()?; // both appear, or neither changes
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Staging {
    staged: Vec<Staged>,
}

impl Staging {
    pub fn new() -> Staging {
        Staging::default()
    }

    /// Write the new content of `path` to a temp file in the same directory (same file system,
    /// so the rename is atomic). Nothing at `path` changes until [`Staging::commit`]. A device or
    /// FIFO target is written directly, at once.
    pub fn write<F>(&mut self, path: &Path, write: F) -> io::Result<()>
    where
        F: FnOnce(&mut dyn Write) -> io::Result<()>,
    {
        let target = match Target::of(path)? {
            Target::Special => return write_directly(path, write),
            Target::File(target) => target,
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target.file_name().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a file path: {}", path.display()),
            )
        })?;
        let temp = dir.join(format!(
            ".{}.{}-{}.tmp",
            name.to_string_lossy(),
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let file = {
            let mut reg = registry();
            if reg.aborted {
                return Err(interrupted());
            }
            let file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)?;
            reg.temps.push(temp.clone());
            file
        };
        // From here on `self` owns the temp file: Drop removes it if anything fails.
        self.staged.push(Staged {
            temp: temp.clone(),
            target,
        });
        fill(file, write)
    }

    /// Rename every staged file over its target, in the order they were written.
    pub fn commit(mut self) -> io::Result<()> {
        let staged = std::mem::take(&mut self.staged);
        let mut rest = staged.into_iter();
        while let Some(s) = rest.next() {
            let mut reg = registry();
            let renamed = if reg.aborted {
                Err(interrupted())
            } else {
                fs::rename(&s.temp, &s.target)
            };
            reg.temps.retain(|t| *t != s.temp);
            drop(reg);
            if let Err(e) = renamed {
                // Put what is left back, so Drop removes the temp files.
                self.staged.push(s);
                self.staged.extend(rest);
                return Err(e);
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.staged.is_empty() {
            return;
        }
        let mut reg = registry();
        for s in self.staged.drain(..) {
            // Best effort: the error that made us give up is the one worth reporting.
            let _ = fs::remove_file(&s.temp);
            reg.temps.retain(|t| *t != s.temp);
        }
    }
}

/// What a write goes to.
enum Target {
    /// A regular file (existing or not), symlinks resolved.
    File(PathBuf),
    /// A device, FIFO or socket: written in place.
    Special,
}

impl Target {
    fn of(path: &Path) -> io::Result<Target> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            // Not there yet (or a dangling link, which the rename replaces): a new file.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Target::File(path.to_path_buf()));
            }
            Err(e) => return Err(e),
        };
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory (give a file name)",
            ));
        }
        if !meta.is_file() {
            return Ok(Target::Special);
        }
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            return Ok(Target::File(fs::canonicalize(path)?));
        }
        Ok(Target::File(path.to_path_buf()))
    }
}

fn write_directly<F>(path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let file = OpenOptions::new().write(true).open(path)?;
    let mut buffered = BufWriter::new(file);
    write(&mut buffered)?;
    buffered.flush()
}

fn fill<F>(file: File, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let mut buffered = BufWriter::new(file);
    write(&mut buffered)?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    // Without the sync a crash right after the rename could leave an empty file under the new name.
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_changes_until_commit_and_drop_cleans_up() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let a = dir.path().join("a.txt");
        fs::write(&a, "old")?;
        let mut staging = Staging::new();
        staging.write(&a, |w| w.write_all(b"new"))?;
        assert_eq!(fs::read_to_string(&a)?, "old");
        drop(staging);
        assert_eq!(fs::read_to_string(&a)?, "old");
        assert_eq!(fs::read_dir(dir.path())?.count(), 1, "temp file left");
        Ok(())
    }
}
