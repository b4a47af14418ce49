"""Finansiering in the app: the gap per year and the bills per agency and key."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from tests.app.test_app import BASE, client, state, text  # noqa: F401 (fixtures)


def test_the_gap_per_year_and_each_agencys_bills_under_every_key(client: Any) -> None:  # noqa: F811
    response = client.get("/finansiering", base_url=BASE)
    page = response.data.decode()
    assert response.status_code == 200 and 'aria-current="page">Finansiering' in page
    gap = page.split("<caption>Kostnad, finansiering og gap per år (MNOK)</caption>")[1]
    years = [int(y) for y in re.findall(r'<th scope="row">(\d{4})</th>',
                                                        gap.split("</table>")[0])]
    assert years == [2022, 2023, 2024, 2025]
    bills = page.split("<caption>Hver virksomhets regning 2022–2025 etter hver nøkkel (kroner)"
                       "</caption>")[1].split("</table>")[0]
    assert "Skatteetaten" in bills and bills.count("<tr>") > 10
    svg = client.get("/finansiering/gap.svg", base_url=BASE)
    assert svg.mimetype == "image/svg+xml"
    texts = " ".join(t.text or "" for t in ET.fromstring(svg.data).iter(
        "{http://www.w3.org/2000/svg}text"))
    assert "2025" in texts
