"""Every cost-sharing key by hand, the real price models (ID-porten, Altinn), invariants."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.funding import keys as k
from okosys_plan.funding.keys import Allocation, Payer, Reason

KR = 100  # øre per krone


def payers(**volumes: float | None) -> list[Payer]:
    return [Payer(code, volume=v) for code, v in volumes.items()]


def test_flat_shares_equally_with_the_spare_ore_by_code() -> None:
    found = k.flat(1000, payers(A=1, B=None, C=5))  # flat needs no data at all
    assert found.shares == {"A": 334, "B": 333, "C": 333} and found.unallocated == 0


def test_usage_shares_by_volume() -> None:
    found = k.usage(900 * KR, payers(NAV=200, SKE=100))
    assert found.shares == {"NAV": 600 * KR, "SKE": 300 * KR}


def test_idporten_threshold_below_pays_nothing_the_rest_share_in_proportion() -> None:
    # 10 000 kr; Halden 150 000 log-ins is under the 200 000 free threshold.
    found = k.usage(10_000 * KR, payers(Halden=150_000, Oslo=300_000, NAV=500_000),
                    free_below=k.IDPORTEN_FREE_BELOW)
    assert found.shares == {"Halden": 0, "Oslo": 375_000, "NAV": 625_000}
    assert found.billed == 10_000 * KR
    # Exactly at the threshold counts (free *under* 200 000).
    assert k.usage(100, payers(A=200_000, B=200_000), free_below=200_000).shares == \
        {"A": 50, "B": 50}


def test_idporten_price_per_login_bills_volume_times_price() -> None:
    # 0.37 kr per log-in (2022/23): Oslo 300 000 -> 111 000 kr, NAV 500 000 -> 185 000 kr.
    logins = payers(Halden=150_000, Oslo=300_000, NAV=500_000)
    short = k.usage(400_000 * KR, logins, free_below=200_000, price=k.IDPORTEN_PRICE)
    assert short.shares == {"Halden": 0, "Oslo": 111_000 * KR, "NAV": 185_000 * KR}
    assert short.unallocated == 104_000 * KR and short.surplus == 0
    assert short.reason is Reason.PRICE
    over = k.usage(200_000 * KR, logins, free_below=200_000, price=0.37)
    assert over.surplus == 96_000 * KR and over.unallocated == 0
    assert k.price_times(0.31, 48_000_000) == 14_880_000 * KR  # 2021/22 price, exactly


def test_altinn_tiers_fixed_fees_then_the_rest_by_volume_among_the_largest() -> None:
    # Other 70 000, Small 280 000, Medium 1 050 000 kr; 10 MNOK leaves 8.6 MNOK for the two
    # large owners, shared 2:6 -> 2 150 000 and 6 450 000 kr.
    owners = payers(O=5_000, S=100_000, M=500_000, L1=2_000_000, L2=6_000_000)
    found = k.tiers(10_000_000 * KR, owners)
    assert found.shares == {"O": 70_000 * KR, "S": 280_000 * KR, "M": 1_050_000 * KR,
                            "L1": 2_150_000 * KR, "L2": 6_450_000 * KR}
    assert [k.tier_of(v).name_en for v in (9_999, 10_000, 299_999, 300_000, 999_999,
                                           1_000_000)] == \
        ["Other", "Small", "Small", "Medium", "Medium", "Large and very large"]


def test_tiers_fees_above_the_amount_are_scaled_and_a_missing_top_tier_leaves_the_rest() -> None:
    capped = k.tiers(700_000 * KR, payers(O=5_000, S=100_000, M=500_000, L=5_000_000))
    assert capped.shares == {"O": 35_000 * KR, "S": 140_000 * KR, "M": 525_000 * KR, "L": 0}
    small = k.tiers(1_000_000 * KR, payers(O=5_000, S=100_000))
    assert small.shares == {"O": 70_000 * KR, "S": 280_000 * KR}
    assert small.unallocated == 650_000 * KR and small.reason is Reason.NO_LARGE


def test_benefit_budget_and_manual_share_by_their_figures() -> None:
    group = [Payer("A", benefit=10, it_budget=100, share=50),
             Payer("B", benefit=30, it_budget=300, share=50)]
    assert k.benefit(400, group).shares == {"A": 100, "B": 300}
    assert k.budget(400, group).shares == {"A": 100, "B": 300}
    assert k.manual(400, group).shares == {"A": 200, "B": 200}
    fractions = [Payer("A", share=0.6), Payer("B", share=0.4)]  # 60 % / 40 % as fractions
    assert k.manual(1000, fractions).shares == {"A": 600, "B": 400}


def test_per_capita_weights_counties_a_quarter_and_skips_state_agencies() -> None:
    # DigiFin rates: 20 kr per municipal inhabitant, 5 kr per county inhabitant.
    group = [Payer("Halden", inhabitants=31_500, kind="Kommune"),
             Payer("Vestland", inhabitants=647_000, kind="Fylkeskommune"),
             Payer("NAV", kind="Stat")]
    found = k.per_capita(3_865_000, group)  # = 20 × 31 500 + 5 × 647 000 øre
    assert found.shares == {"Halden": 630_000, "Vestland": 3_235_000, "NAV": 0}
    missing = k.per_capita(100, [*group, Payer("Bodø", kind="Kommune")])
    assert missing.missing == ("Bodø",) and missing.unallocated == 100


def test_membership_takes_every_member_and_hybrid_pays_investment_centrally() -> None:
    members = payers(A=None, B=None, C=None, D=None)
    assert k.membership(400, members).shares == dict.fromkeys("ABCD", 100)
    found = k.hybrid(500, 900, payers(A=1, B=2), lambda a, p: k.usage(a, p))
    assert found.central == 500 and found.shares == {"A": 300, "B": 600}


def test_missing_data_allocates_nothing_and_names_who_lacks_it() -> None:
    found = k.usage(1000, payers(A=10, B=None, C=None))
    assert found.shares == {"A": 0, "B": 0, "C": 0}
    assert found.unallocated == 1000 and found.missing == ("B", "C")
    assert found.reason is Reason.MISSING
    assert k.budget(5, [Payer("A")]).missing == ("A",)
    nobody = k.usage(1000, payers(A=10, B=20), free_below=100)
    assert nobody.unallocated == 1000 and nobody.reason is Reason.NO_WEIGHT
    assert k.flat(70, []).reason is Reason.NO_PAYERS and k.flat(70, []).unallocated == 70


# --- invariants -----------------------------------------------------------------------------

volumes = st.lists(st.integers(0, 10**8) | st.floats(0, 1e8), min_size=1, max_size=10)
KEYS: dict[str, Callable[[int, Sequence[Payer]], Allocation]] = {
    "flat": k.flat, "usage": k.usage, "tiers": k.tiers, "benefit": k.benefit,
    "budget": k.budget, "per_capita": k.per_capita, "membership": k.membership,
    "manual": k.manual,
    "usage_threshold": lambda a, p: k.usage(a, p, free_below=200_000),
    "usage_price": lambda a, p: k.usage(a, p, price=0.37),
    "hybrid": lambda a, p: k.hybrid(a // 3, a - a // 3, p, k.usage),
}


def _group(values: list[float]) -> list[Payer]:
    return [Payer(f"V{i}", volume=v, benefit=v, share=v, it_budget=v, inhabitants=v,
                  kind="Kommune") for i, v in enumerate(values)]


@pytest.mark.parametrize("key", sorted(KEYS))
@given(amount=st.integers(0, 10**12), values=volumes)
def test_every_key_accounts_for_every_ore_and_no_share_is_negative(
        key: str, amount: int, values: list[float]) -> None:
    found = KEYS[key](amount, _group(values))
    assert all(share >= 0 for share in found.shares.values())
    assert min(found.unallocated, found.central, found.surplus) >= 0
    assert found.billed + found.unallocated + found.central == amount + found.surplus
    if key not in ("usage_price",):
        assert found.surplus == 0


@given(amount=st.integers(0, 10**12), values=volumes,
       threshold=st.sampled_from([0.0, 200_000.0]))
def test_under_usage_more_volume_never_pays_less(amount: int, values: list[float],
                                                 threshold: float) -> None:
    shares = k.usage(amount, _group(values), free_below=threshold).shares
    for i, vi in enumerate(values):
        for j, vj in enumerate(values):
            if vi < vj:
                assert shares[f"V{i}"] <= shares[f"V{j}"]
            elif vi == vj:
                assert abs(shares[f"V{i}"] - shares[f"V{j}"]) <= 1  # the spare øre only


def test_the_docs_describe_every_key_warning_and_the_rounding_rule() -> None:
    from pathlib import Path

    from okosys_plan.funding.allocate import KEYS

    text = (Path(__file__).resolve().parents[2] / "docs" / "finansiering.md").read_text(
        encoding="utf-8")
    for key in KEYS:
        assert f"| `{key}` |" in text, key
    for code in ("key-data-missing", "key-data-absent", "nobody-pays", "no-payers",
                 "shares-not-100"):
        assert f"| `{code}` |" in text, code
    assert "largest-remainder method" in text and "natural order" in text
    # The worked examples' figures are the ones the tests above compute.
    for figure in ("| 111 000 kr (300 000 × 0,37) |", "| 104 000 kr |", "| 2 150 000 kr |",
                   "| 6 450 000 kr |", "35 000, 140 000 and 525 000 kr"):
        assert figure in text, figure
