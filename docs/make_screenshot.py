"""Render `actornet demo`'s terminal output as docs/demo.svg for the README.

    .venv/bin/python docs/make_screenshot.py
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).resolve().parent
actornet = Path(sys.executable).with_name("actornet")
env = dict(os.environ, FORCE_COLOR="1", COLUMNS="110", TERM="xterm-256color")
out = subprocess.run([str(actornet), "info"], capture_output=True, text=True, env=env,
                     check=True).stdout
console = Console(record=True, width=110, file=open(os.devnull, "w"))
console.print(Text.from_ansi(out))
svg = console.export_svg(title="actornet info")
# The README must not make a reader's browser fetch fonts: keep local() fonts only.
svg = re.sub(r',\s*url\("https?://[^"]+"\) format\("[^"]+"\)', "", svg)
(HERE / "demo.svg").write_text(svg, encoding="utf-8")
print(f"wrote {HERE / 'demo.svg'}")
