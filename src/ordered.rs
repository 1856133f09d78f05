//! An ordered parallel map for streams of work: items are processed on the rayon pool, and their
//! results handed to the caller's thread in input order, with at most a window of them in flight.
//!
//! Owns the scheduling only; what an item is (a policy to extract) and what the caller does with
//! a result (write statements, link a graph) belong to `pipeline` and the commands.

use std::collections::HashMap;
use std::sync::mpsc;

/// Results in flight for [`for_each_ordered`] on this pool: enough that a slow item (a 500 KB
/// policy) does not leave the other cores idle while the caller waits for it, few enough that
/// the results held (a policy's statements each) stay small.
pub fn window() -> usize {
    (16 * rayon::current_num_threads()).max(64)
}

/// Run `work` on every item on the rayon pool and hand each result to `sink`, on this thread, in
/// the order of `items`. An item starts once every item more than `window` places before it has
/// been handed over, so memory holds at most `window` results whatever the number of items; the
/// pool never waits for a whole batch to end (a batch's slowest item used to idle the other
/// cores). The first error of `sink` stops the run (items already started finish) and is
/// returned. Called on a worker of the pool, it works in order on that thread instead.
pub fn for_each_ordered<T: Sync, R: Send, E>(
    items: &[T],
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    if rayon::current_thread_index().is_some() {
        // On a worker of the pool, waiting for results could wait for this very worker (a pool of
        // one thread would never finish): do the work here, in order.
        return items.iter().try_for_each(|item| sink(work(item)));
    }
    let window = window.max(1);
    let work = &work;
    rayon::in_place_scope(|scope| {
        let (done, results) = mpsc::channel::<(usize, R)>();
        let mut started = 0;
        let mut start_until = |limit: usize| {
            while started < limit.min(items.len()) {
                let (i, item, done) = (started, &items[started], done.clone());
                // The receiver outlives every task unless `sink` failed: then results are dropped.
                scope.spawn(move |_| drop(done.send((i, work(item)))));
                started += 1;
            }
        };
        start_until(window);
        let mut waiting: HashMap<usize, R> = HashMap::new();
        let mut next = 0;
        while next < items.len() {
            let Ok((i, result)) = results.recv() else {
                break; // unreachable: `done` is held here until the end
            };
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                sink(result)?;
                next += 1;
            }
            start_until(next + window);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        let run: Result<(), ()> = for_each_ordered(
            &items,
            8,
            |&i| {
                // Early items are slow, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros((500 - i) % 7 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert_eq!(run, Ok(()));
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_the_window_is_in_flight() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..300).collect();
        let handed = AtomicUsize::new(0);
        let run: Result<(), ()> = for_each_ordered(
            &items,
            5,
            |&i| {
                // Item i starts only once item i - 5 has been handed over.
                assert!(
                    i < handed.load(Ordering::SeqCst) + 5,
                    "item {i} started early"
                );
                i
            },
            |_| {
                handed.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(run, Ok(()));
        assert_eq!(handed.load(Ordering::SeqCst), 300);
    }

    #[test]
    fn the_first_error_of_the_sink_stops_the_run() {
        let items: Vec<usize> = (0..1000).collect();
        let mut handed = 0;
        let run = for_each_ordered(
            &items,
            4,
            |&i| i,
            |i| {
                handed += 1;
                if i == 10 {
                    Err(format!("stop at {i}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(run, Err("stop at 10".to_string()));
        assert_eq!(handed, 11);
    }

    #[test]
    fn inside_a_pool_of_one_thread_it_still_finishes() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one thread");
        let items: Vec<usize> = (0..100).collect();
        let mut seen = Vec::new();
        let run: Result<(), ()> = pool.install(|| {
            for_each_ordered(
                &items,
                4,
                |&i| i + 1,
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
        });
        assert_eq!(run, Ok(()));
        assert_eq!(seen, (1..=100).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_no_calls() {
        let run: Result<(), ()> = for_each_ordered(
            &[] as &[u8],
            4,
            |_| panic!("no work"),
            |_| panic!("nothing to hand over"),
        );
        assert_eq!(run, Ok(()));
    }
}
