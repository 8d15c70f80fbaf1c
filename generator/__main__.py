"""Check, verify and build the TF Hub model compatibility site, in every language."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .commands import COMMANDS
from .problems import INTERRUPTED, Failure
from .project import Project

ROOT = Path(__file__).resolve().parent.parent


@click.group(
    help=__doc__,
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": 100, "max_content_width": 100},
)
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=ROOT,
    show_default="this checkout",
    help="The project folder.",
)
@click.pass_context
def cli(context: click.Context, root: Path) -> None:
    context.obj = Project(root.resolve())


for command in COMMANDS:
    cli.add_command(command)


def main(argv: list[str] | None = None) -> int:
    """Run a command; every failure is printed once, to standard error, and becomes the exit code:
    1 for problems in the content, 2 for an unusable input or usage, 130 for Ctrl+C."""
    try:
        code = cli.main(args=argv, prog_name="python -m generator", standalone_mode=False)
    except Failure as error:
        click.echo(error.report(), err=True)
        return error.code
    except click.ClickException as error:  # usage: an unknown command or option, a bad value
        error.show()
        return error.exit_code
    except (KeyboardInterrupt, click.Abort):
        click.echo("interrupted", err=True)
        return INTERRUPTED
    except BrokenPipeError:  # the reader of the output went away (`| head`): nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
