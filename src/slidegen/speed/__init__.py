"""The accelerators: everything that makes slidegen fast and nothing that makes it right.

They plug into the pipeline at one seam, the build's slide source (Session.slide_source), and
into a batch at one more, how its decks are run (Accelerators.run_jobs):

- cached.py: slides restored from the slide cache when nothing they are made from changed;
- charts.py: chart data computed ahead, charts drawn in worker processes meanwhile;
- incremental.py: a deck whose inputs are unchanged is not built again;
- parallel.py: a batch's decks in worker processes;
- chartpool.py, process.py: the worker processes, and the interpreter's own tuning.

Switched off (Session(accelerate=False)), every deck is made slide by slide, and is the same
bytes."""

