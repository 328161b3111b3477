"""``python -m actornet``: the same as the ``actornet`` command."""

from actornet.cli import main

if __name__ == "__main__":
    main()
