"""What a review of the app found, each kind held by a test: odd form values, requests at
the same time, numbers shown inexactly, the language link after a form."""

from __future__ import annotations

import re
import threading
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.app.server import AppState
from okosys_plan.app.typed import number_or_none, plain
from tests.app.test_app import BASE, client, state, token, upload  # noqa: F401 (fixtures)


@given(st.floats(0, 1e6, allow_nan=False), st.sampled_from(["nb", "en"]))
def test_a_number_shown_in_a_field_reads_back_as_itself(value: float, lang: str) -> None:
    assert number_or_none(plain(value, lang)) == value


def test_a_per_cent_sign_is_no_weight_limit_or_cap() -> None:
    assert number_or_none("80 %") is None and number_or_none("50%") is None
    assert number_or_none("80") == 80.0


def test_odd_forget_values_are_ignored_not_a_crash(client: Any) -> None:  # noqa: F811
    data = {"token": token(client), "cap-2022": "150", "scenario": "Lav", "save": "1"}
    assert "Scenarioet Lav er lagret." in client.post("/veikart", data=data,
                                                      base_url=BASE).data.decode()
    for odd in ("²", "1" * 5000, "-1", "9", " 0", "0x0"):
        response = client.post("/veikart", data={"token": token(client), "forget": odd},
                               base_url=BASE)
        assert response.status_code == 200 and 'id="scenarier"' in response.data.decode()
    gone = client.post("/veikart", data={"token": token(client), "forget": "0",
                                         "cap-2022": "feil"}, base_url=BASE).data.decode()
    assert "Scenarioet Lav er fjernet." in gone  # even while a cap is wrong


def test_a_wrong_scenario_name_does_not_say_the_plan_is_not_drawn(client: Any) -> None:  # noqa: F811
    page = client.post("/veikart", data={"token": token(client), "scenario": "",
                                         "save": "1"}, base_url=BASE).data.decode()
    assert "Gi scenarioet et navn" in page and "tegnes ikke på nytt" not in page


def test_a_merge_of_something_not_uploaded_is_404(client: Any) -> None:  # noqa: F811
    client.get("/veikart", base_url=BASE)  # the bundled catalogue is checked
    response = client.post("/katalog/slaa-sammen", base_url=BASE,
                           data={"token": token(client), "upload": ["bundled", "bundled"]})
    assert response.status_code == 404


def test_uploads_at_the_same_time_get_a_folder_each(state: AppState) -> None:  # noqa: F811
    found: list[str] = []
    failed: list[BaseException] = []

    def keep(number: int) -> None:
        try:
            for turn in range(25):
                found.append(state.uploads.keep(f"{number}-{turn}.xlsx", b"x").id)
        except BaseException as error:
            failed.append(error)

    threads = [threading.Thread(target=keep, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == [] and len(set(found)) == 100


def test_the_language_link_stays_on_a_page_that_can_be_loaded(client: Any) -> None:  # noqa: F811
    from okosys_plan.bundled import bundled_catalogue

    checked = upload(client, [("k.xlsx", bundled_catalogue().read_bytes())]).data.decode()
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">', checked)
    assert link is not None and link.group(1) == "/?lang=en"
    job = client.get("/last-ned?jobb=run-9", base_url=BASE).data.decode()
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">', job)
    assert link is not None and "jobb=run-9" in link.group(1) and "lang=en" in link.group(1)


def test_an_open_explanation_stays_open_when_the_weights_change(client: Any) -> None:  # noqa: F811
    page = client.get("/prioritering?behov=B12", base_url=BASE).data.decode()
    action = re.search(r'hx-post="([^"]+)"', page)
    assert action is not None and "behov=B12" in action.group(1)
    again = client.post(action.group(1).replace("&amp;", "&"), base_url=BASE,
                        data={"token": token(client), "weight-0": "0,5"}).data.decode()
    assert 'id="forklaring"' in again and "B12" in again.split("<pre>")[1]
