"""Rough edges of the command line (issue 14): each one a user hit, each with its test."""

from __future__ import annotations

import pytest

from tests.test_cli import run


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("classes", "--under", "dog.n.01", "show", "5"), "--under"),
        (("classes", "--json", "duplicates"), "--json"),
        (("classes", "-s", "imagenette", "show", "0"), "--subset"),
        (("subsets", "--json", "show", "imagenette"), "--json"),
    ],
)
def test_group_option_before_subcommand_is_a_usage_error(
    args: tuple[str, ...], option: str
) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert f"{option} is an option of 'imagenet {args[0]}' itself" in err


def test_group_options_still_apply_without_subcommand() -> None:
    code, out, _ = run("subsets", "--json")
    assert code == 0 and out.startswith("[")


@pytest.mark.parametrize("option", ["--csv", "--jsn", "-x", "--format=json"])
def test_classes_show_unknown_option_is_a_usage_error(option: str) -> None:
    code, out, err = run("classes", "show", option, "5")
    assert (code, out) == (2, "")
    assert f"No such option: {option.split('=')[0]}" in err


def test_classes_show_negative_number_is_still_a_value() -> None:
    code, _, err = run("classes", "show", "-3")
    assert code == 1
    assert err.startswith("Error: index -3 is out of range")


@pytest.mark.parametrize("columns", ["0", "-5", "abc", ""])
def test_bad_columns_fall_back_to_80(columns: str) -> None:
    from typer.testing import CliRunner

    from imagenet_cli.cli.main import app

    def show(width: str) -> str:
        result = CliRunner().invoke(app, ["synsets", "show", "dog.n.01"], env={"COLUMNS": width})
        assert result.exit_code == 0
        return result.stdout

    at_80 = show("80")
    assert max(len(line) for line in at_80.splitlines()) <= 80
    assert show(columns) == at_80
