"""The accelerators: everything that makes slidegen fast and nothing that makes it right.

accelerators.py plugs them into a session (plug_in); the pipeline then meets them at one seam,
the build's slide source (Session.slide_source), and a batch at the same object (which decks are
fresh, how the decks are run):

- cached.py: slides restored from the slide cache when nothing they are made from changed;
- charts.py: chart data computed ahead, charts drawn in worker processes meanwhile;
- incremental.py: a deck whose inputs are unchanged is not built again;
- parallel.py: a batch's decks in worker processes;
- chartpool.py, process.py: the worker processes, and the interpreter's own tuning.

Not plugged in (Session(accelerate=False)), every deck is made slide by slide, every time, and
is the same bytes."""

