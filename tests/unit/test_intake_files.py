"""Whatever file a coach points kinchain at, the answer is an Intake or one clear IntakeError."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinchain.errors import IntakeError
from kinchain.intake import load_intake
from kinchain.intake.files import MAX_BYTES


def refusal(path: Path) -> str:
    with pytest.raises(IntakeError) as caught:
        load_intake(path)
    (problem,) = caught.value.problems
    assert problem.path == ""  # a whole-file problem
    assert caught.value.source == str(path)
    return problem.message


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_an_empty_file_is_refused_as_empty(tmp_path: Path) -> None:
    assert "empty" in refusal(write(tmp_path, "empty.yaml", "\n  \n"))


def test_a_file_of_only_comments_holds_no_data(tmp_path: Path) -> None:
    assert "holds no data" in refusal(write(tmp_path, "c.yaml", "# nothing yet\n"))


def test_a_file_that_is_not_yaml_says_where_it_breaks(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "bad.yaml", "client:\n  name: [unclosed\n"))
    assert message.startswith("not valid YAML: line ")


def test_a_json_file_that_is_not_json_says_where_it_breaks(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "bad.json", '{"client": }'))
    assert message.startswith("not valid JSON: line 1, column 12")


def test_plain_prose_is_not_an_intake(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "notes.txt", "Maria hurt her ankle at school.\n"))
    assert "expected a mapping of keys" in message and "(text)" in message


def test_a_binary_file_is_refused_without_decoding_it(tmp_path: Path) -> None:
    assert "binary" in refusal(write(tmp_path, "photo.yaml", bytes(range(256))))


def test_a_text_file_in_another_encoding_names_the_bad_byte(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "latin1.yaml", "name: Jos\xe9\n".encode("latin-1")))
    assert "not UTF-8" in message and "0xe9" in message


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: takes no disk space, and is never parsed
        handle.truncate(50_000_000)
    message = refusal(path)
    assert "50.0 MB" in message and f"{MAX_BYTES / 1_000_000:.1f} MB" in message


def test_a_missing_file_is_refused_not_raised_as_an_os_error(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nobody.yaml") == "no such file"


def test_a_folder_is_not_an_intake_file(tmp_path: Path) -> None:
    assert "is a folder" in refusal(tmp_path)


def test_a_path_through_a_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    inside_a_file = write(tmp_path, "a.yaml", "x: 1\n") / "b.yaml"
    assert refusal(inside_a_file) == "the file cannot be read (Not a directory)"


def test_a_key_given_twice_is_refused_with_its_line(tmp_path: Path, maria_path: Path) -> None:
    text = maria_path.read_text(encoding="utf-8") + "daily_minutes: 30\n"
    message = refusal(write(tmp_path, "twice.yaml", text))
    assert "'daily_minutes' is given twice" in message and "line " in message


def test_a_json_key_given_twice_is_refused(tmp_path: Path) -> None:
    assert "given twice" in refusal(write(tmp_path, "twice.json", '{"a": 1, "a": 2}'))


def test_yaml_aliases_are_refused_so_a_small_file_cannot_explode(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    assert "aliases" in refusal(write(tmp_path, "bomb.yaml", bomb))


def test_deeply_nested_data_is_refused_not_crashed_on(tmp_path: Path) -> None:
    assert "nested too deeply" in refusal(write(tmp_path, "deep.json", "[" * 200_000))


def test_python_objects_in_yaml_are_refused(tmp_path: Path) -> None:
    text = "client: !!python/object/apply:os.system ['echo hi']\n"
    assert refusal(write(tmp_path, "evil.yaml", text)).startswith("not valid YAML")


def test_json_is_recognised_by_its_content_whatever_the_extension(
    tmp_path: Path, examples_dir: Path
) -> None:
    text = (examples_dir / "tom.json").read_text(encoding="utf-8")
    assert load_intake(write(tmp_path, "tom.intake", text)).client.name == "Tom Example"


def test_a_number_too_long_to_read_is_refused_in_plain_words(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "long.yaml", "daily_minutes: " + "9" * 5000 + "\n"))
    assert message == "not valid YAML: a number has too many digits to read"
