"""The floor: a bare Typer app that prints a small Rich table (what any Typer+Rich CLI pays)."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main(query: str) -> None:
    """Print QUERY in a one-row table."""
    table = Table("query", "length")
    table.add_row(query, str(len(query)))
    Console().print(table)


if __name__ == "__main__":
    app()
