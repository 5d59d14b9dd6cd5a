"""A synthetic corpus of valid briefs, for measuring the build at scale.

    python benchmarks/corpus.py N DIR

writes N briefs into DIR/<type>/ (companies, chips, policies, sources), the same files for
the same N. The mix and the shapes follow the real briefs: about six sources for every
company, chip or policy; summaries of a few hundred characters with [[mentions]] and
[^citations]; sourced values, some of them disputed or reported; designers, foundries,
variants, affected companies and chips, amendments, thresholds and timelines. Every
reference points at a brief the corpus holds, and no fact rests on an aggregator alone,
so the real check and build accept it.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from pathlib import Path
from typing import Any

import yaml

# Share of each type, like the real corpus (11 companies, 11 chips, 19 policies, 99 sources).
MIX = {"companies": 0.08, "chips": 0.10, "policies": 0.12, "sources": 0.70}
PREFIX = {"companies": "company", "chips": "chip", "policies": "policy", "sources": "source"}
SYLLABLES = [
    "ac",
    "bel",
    "cor",
    "dan",
    "el",
    "fen",
    "gar",
    "hel",
    "io",
    "jun",
    "kor",
    "lan",
    "mer",
    "nor",
    "or",
    "pax",
    "quin",
    "ros",
    "sol",
    "tan",
    "ul",
    "ver",
    "wen",
    "xi",
    "yan",
    "zor",
]
HANZI = "华芯微电子科技集成算力智能半导体云计算晶圆封装"
WORDS = [
    "the",
    "company",
    "said",
    "on",
    "the",
    "accelerator",
    "export",
    "licence",
    "review",
    "rule",
    "memory",
    "bandwidth",
    "data",
    "centre",
    "shipments",
    "customers",
    "regulators",
    "approved",
    "reported",
    "analysts",
    "expected",
    "capacity",
    "foundry",
    "process",
    "node",
    "order",
    "volume",
    "quarter",
    "revenue",
    "market",
    "domestic",
    "alternative",
    "package",
    "interconnect",
    "training",
    "inference",
    "cluster",
    "supply",
    "chain",
]
COUNTRIES = ["US", "CN", "TW", "KR", "JP", "NL", "DE", "GB", "FR", "IL", "SG", "IN"]
ROLES = [
    "chip-designer",
    "foundry",
    "memory-maker",
    "equipment-maker",
    "cloud-provider",
    "internet-platform",
    "ai-lab",
    "server-maker",
    "distributor",
    "investor",
]
STATUSES = ["roadmap", "announced", "shipping", "reported", "discontinued"]
KINDS = [
    "export-control-rule",
    "licence-requirement",
    "licence-policy",
    "revenue-share",
    "tariff",
    "guidance",
    "procurement-rule",
    "import-restriction",
    "customs-enforcement",
    "approval",
    "subsidy",
    "investment-fund",
    "regulatory-action",
]
POLICY_STATUSES = [
    "proposed",
    "announced",
    "in-force",
    "suspended",
    "revoked",
    "reported",
    "expired",
]
TIERS = ["primary"] * 2 + ["wire"] * 2 + ["secondary"] * 5 + ["aggregator"]
THRESHOLDS = (1600, 4800, 21000)
PUBLISHERS = [
    "Example Wire",
    "Daily Silicon",
    "Policy Review",
    "Trade Gazette",
    "Chip Journal",
    "Market Herald",
    "Tech Dispatch",
    "Harbour Times",
]


class Corpus:
    def __init__(self, size: int) -> None:
        self.random = random.Random(size)  # the same corpus for the same N
        counts = {kind: max(1, round(size * share)) for kind, share in MIX.items()}
        counts["sources"] = size - sum(counts[k] for k in MIX if k != "sources")
        if counts["sources"] < 1:
            raise SystemExit(f"N must be at least {size - counts['sources'] + 1}")
        self.ids = {kind: [f"{PREFIX[kind]}-{i:05d}" for i in range(counts[kind])] for kind in MIX}
        self.names = {
            brief_id: self.name(brief_id) for ids in self.ids.values() for brief_id in ids
        }
        self.good_sources = [s for i, s in enumerate(self.ids["sources"]) if i % 10 != 9]
        self.all_ids = [i for ids in self.ids.values() for i in ids]

    # Pieces -------------------------------------------------------------------------------

    def name(self, brief_id: str) -> str:
        r = random.Random(brief_id)
        word = "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3))).capitalize()
        kind = brief_id.split("-")[0]
        return {
            "company": f"{word} Semiconductor",
            "chip": f"{word} X{r.randint(10, 990)}",
            "policy": f"{word} export rule of {r.randint(2018, 2026)}",
            "source": f"{r.choice(PUBLISHERS)} on {word}",
        }[kind]

    def date(self, start: int = 2018, end: int = 2026) -> str:
        day = datetime.date(start, 1, 1) + datetime.timedelta(
            days=self.random.randrange((end - start) * 365)
        )
        return day.isoformat()

    def cite(self) -> list[str]:
        """One to three sources, always one that is not an aggregator."""
        cited = [self.random.choice(self.good_sources)]
        cited += self.random.sample(self.ids["sources"], self.random.randint(0, 2))
        return sorted(set(cited))

    def sentence(self, mention: bool) -> str:
        words = self.random.choices(WORDS, k=self.random.randint(10, 22))
        if mention:
            target = self.random.choice(self.all_ids)
            if target.startswith("source"):
                target = self.random.choice(self.ids["companies"])
            words.insert(self.random.randrange(len(words)), f"[[{target}]]")
        return " ".join(words).capitalize() + "."

    def prose(self, paragraphs: int) -> str:
        out = []
        for _ in range(paragraphs):
            body = " ".join(
                self.sentence(self.random.random() < 0.6) for _ in range(self.random.randint(2, 4))
            )
            out.append(body + "".join(f"[^{s}]" for s in self.cite()))
        return "\n\n".join(out)

    def readings(self, make: Any, disputed: float = 0.1) -> list[dict[str, Any]]:
        entries = [{"value": make(), "sources": self.cite()}]
        if self.random.random() < disputed:
            entries.append({"value": make(), "sources": self.cite(), "reported": True})
        return entries

    def timeline(self, count: int) -> list[dict[str, Any]]:
        return [
            {
                "date": self.date(),
                "text": self.sentence(self.random.random() < 0.5),
                "sources": self.cite(),
                **({"reported": True} if self.random.random() < 0.3 else {}),
            }
            for _ in range(count)
        ]

    def common(self, brief_id: str) -> dict[str, Any]:
        aliases = [self.names[brief_id].split()[0].upper()]
        if self.random.random() < 0.4:
            aliases.append("".join(self.random.sample(HANZI, 4)))
        return {
            "name": self.names[brief_id],
            "aliases": aliases,
            "summary": self.prose(self.random.randint(1, 3)),
            "as_of": "2026-11-01",
        }

    # Briefs -------------------------------------------------------------------------------

    def company(self, index: int, brief_id: str) -> dict[str, Any]:
        brief = self.common(brief_id)
        brief.update(
            {
                "country": self.random.choice(COUNTRIES),
                "headquarters": self.readings(
                    lambda: self.random.choice(
                        ["Springfield", "Shenzhen", "Hsinchu", "Austin", "Eindhoven", "Seoul"]
                    )
                ),
                "founded": self.readings(lambda: self.random.randint(1950, 2024)),
                "roles": sorted(set(self.random.sample(ROLES, self.random.randint(1, 3)))),
                "timeline": self.timeline(self.random.randint(0, 3)),
            }
        )
        if index > 0 and self.random.random() < 0.15:
            brief["parent"] = self.ids["companies"][self.random.randrange(index)]
        return brief

    def chip(self, index: int, brief_id: str) -> dict[str, Any]:
        brief = self.common(brief_id)
        companies = self.ids["companies"]
        brief.update(
            {"designer": self.random.choice(companies), "status": self.random.choice(STATUSES)}
        )
        if self.random.random() < 0.6:
            brief["manufacturer"] = self.random.choice(companies)
        if index > 0 and self.random.random() < 0.2:
            brief["based_on"] = self.ids["chips"][self.random.randrange(index)]
        brief["announced"] = self.readings(self.date)
        brief["specs"] = {
            "memory_gb": self.readings(lambda: self.random.choice([24, 48, 80, 96, 141])),
            "memory_bandwidth_gbs": self.readings(lambda: self.random.randint(800, 8000)),
            "power_w": self.readings(lambda: self.random.randint(150, 1200)),
            "process": self.readings(lambda: f"{self.random.choice([3, 4, 5, 7])} nm"),
        }
        brief["dense_tops"] = {
            "bf16": self.readings(lambda: self.random.randint(100, 2500)),
            "fp8": self.readings(lambda: self.random.randint(200, 5000)),
        }
        brief["timeline"] = self.timeline(self.random.randint(0, 3))
        return brief

    def policy(self, index: int, brief_id: str) -> dict[str, Any]:
        brief = self.common(brief_id)
        affects = self.random.sample(self.ids["companies"], min(3, len(self.ids["companies"])))
        affects += self.random.sample(self.ids["chips"], min(4, len(self.ids["chips"])))
        brief.update(
            {
                "jurisdiction": self.random.choice(["US", "CN", "EU", "JP", "NL", "KR"]),
                "issued_by": [{"name": f"Ministry of {self.random.choice(WORDS).title()}"}],
                "kind": self.random.choice(KINDS),
                "status": self.random.choice(POLICY_STATUSES),
                "announced": self.readings(self.date),
                "effective": self.readings(self.date),
                "affects": sorted(set(affects)),
            }
        )
        if index > 0 and self.random.random() < 0.3:
            brief["amends"] = [self.ids["policies"][self.random.randrange(index)]]
        if index < len(THRESHOLDS):
            # A handful of rules set numeric tests, however many rules there are (the real
            # site has three thresholds in two rules); every chip page shows them all.
            brief["thresholds"] = [
                {
                    "id": "tpp-limit",
                    "label": f"TPP of {THRESHOLDS[index]:,} or more",
                    "meaning": "a licence is needed to export the chip",
                    "conditions": [
                        {"metric": "tpp", "comparison": ">=", "value": THRESHOLDS[index]}
                    ],
                    "sources": self.cite(),
                }
            ]
        brief["timeline"] = self.timeline(self.random.randint(1, 3))
        return brief

    def source(self, index: int, brief_id: str) -> dict[str, Any]:
        return {
            "name": self.names[brief_id],
            "title": self.sentence(False)[:120],
            "publisher": self.random.choice(PUBLISHERS),
            "url": f"https://news.example.com/{index}/{brief_id}",
            "published": self.date(),
            # Every tenth source is an aggregator (never the only one cited).
            "tier": "aggregator" if index % 10 == 9 else self.random.choice(TIERS[:-1]),
        }

    def write(self, folder: Path) -> int:
        makers = {
            "companies": self.company,
            "chips": self.chip,
            "policies": self.policy,
            "sources": self.source,
        }
        written = 0
        for kind, make in makers.items():
            (folder / kind).mkdir(parents=True, exist_ok=True)
            for index, brief_id in enumerate(self.ids[kind]):
                text = yaml.safe_dump(
                    make(index, brief_id), allow_unicode=True, sort_keys=False, width=88
                )
                (folder / kind / f"{brief_id}.yaml").write_text(text, encoding="utf-8")
                written += 1
        return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="how many briefs (at least 10)")
    parser.add_argument("dir", type=Path, metavar="DIR", help="where to write <type>/<id>.yaml")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("N must be at least 10")
    written = Corpus(args.n).write(args.dir)
    print(f"Wrote {written} briefs to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
