"""The audit log as the practice admin reads it: reads and changes, newest first, by client,
in pages."""

from __future__ import annotations

from web_world import csrf_of, signed_in


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [r for r in body.split("<tr>")[1:]]


def test_the_audit_log_shows_reads_and_changes(app, world):
    ana = signed_in(app, "ana@north.example")
    assert ana.get(f"/clients/{world.maria}").status_code == 200
    admin = signed_in(app, "adam@north.example")
    una_id = app.state.signin.user_by_email("una@north.example").id
    admin.post(f"/admin/clients/{world.tom}/coaches", data={"csrf": csrf_of(admin),
                                                            "user_id": una_id})
    page = admin.get("/admin/audit")
    assert page.status_code == 200
    rows = _rows(page.text)
    actions = [r.split("<td>")[3].split("</td>")[0] for r in rows]
    assert actions.index("coach.assign") < actions.index("client.read")  # newest first
    read = rows[actions.index("client.read")]
    assert "ana@north.example" in read and "Maria Example" in read
    assign = rows[actions.index("coach.assign")]
    assert "adam@north.example" in assign and "Tom Example" in assign


def test_the_audit_log_filters_by_client(app, world):
    signed_in(app, "ana@north.example").get(f"/clients/{world.maria}")
    signed_in(app, "bea@north.example").get(f"/clients/{world.tom}")
    admin = signed_in(app, "adam@north.example")
    rows = _rows(admin.get(f"/admin/audit?client={world.tom}").text)
    assert rows and all("Tom Example" in r for r in rows)
    assert not any("ana@north.example" in r for r in rows)


def test_the_audit_log_comes_in_pages(app, world):
    admin = signed_in(app, "adam@north.example")
    for _ in range(50):  # reading the log is itself recorded
        admin.get(f"/admin/audit?client={world.maria}")
    first = admin.get(f"/admin/audit?client={world.maria}").text
    assert len(_rows(first)) == 50 and "page=2" in first and "Newer" not in first
    second = admin.get(f"/admin/audit?client={world.maria}&page=2").text
    assert 0 < len(_rows(second)) < 50 and "Newer" in second and "page=3" not in second
    assert admin.get("/admin/audit?page=0").status_code == 200
