"""Users and groups of a generated site, including the three fixed demo users.

Demo users exist in every dataset whatever the seed, with fixed account ids and API tokens:

- Ada Admin, `admin@example.com`, token `demo-token-admin`: Jira administrator; groups
  jira-administrators, jira-software-users, team-platform; may browse every project.
- Max Member, `member@example.com`, token `demo-token-member`: groups jira-software-users,
  team-platform, team-web; cannot browse the restricted SEC project.
- Olive Outsider, `outsider@example.com`, token `demo-token-outsider`: in no group, cannot
  browse SEC, never reporter or assignee of an issue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from jirasim.site import User

ADMINISTRATORS_GROUP = "jira-administrators"
SOFTWARE_USERS_GROUP = "jira-software-users"
SECURITY_GROUP = "security-team"
TEAM_GROUPS = ("team-platform", "team-web", "team-ops", "team-data")

DEMO_ADMIN = User(
    account_id="5b10ac8d82e05b22cc7d4ef5",
    display_name="Ada Admin",
    email="admin@example.com",
    time_zone="Europe/London",
    api_token="demo-token-admin",
)
DEMO_MEMBER = User(
    account_id="5b10a0effa615349cb016cd8",
    display_name="Max Member",
    email="member@example.com",
    time_zone="America/New_York",
    api_token="demo-token-member",
)
DEMO_OUTSIDER = User(
    account_id="5b109f2e9729b51b54dc274d",
    display_name="Olive Outsider",
    email="outsider@example.com",
    time_zone="Asia/Tokyo",
    api_token="demo-token-outsider",
)
DEMO_USERS = (DEMO_ADMIN, DEMO_MEMBER, DEMO_OUTSIDER)

# Names include non-ASCII, apostrophes and right-to-left scripts on purpose: the demo data
# itself should exercise the UI's text handling.
_FIRST_NAMES = (
    "Amelia",
    "Bashir",
    "Chen",
    "Daniela",
    "Emeka",
    "Freya",
    "Gustavo",
    "Hana",
    "Ibrahim",
    "Jonas",
    "Kavya",
    "Lukas",
    "Mei",
    "Nadia",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Rosa",
    "Søren",
    "Tomasz",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Élodie",
    "Ångström",
    "Siobhán",
    "Jürgen",
    "Renée",
    "Thảo",
)
_LAST_NAMES = (
    "Okafor",
    "Lindqvist",
    "Nakamura",
    "García",
    "Kowalski",
    "O'Brien",
    "Müller",
    "Haddad",
    "Singh",
    "Dubois",
    "Rossi",
    "Novák",
    "Ferreira",
    "Kim",
    "Petrov",
    "Andersen",
    "Nguyễn",
    "Zhang",
    "Costa",
    "Y\u0131lmaz",
    "Schmidt",
    "Ivanova",
    "Mbeki",
    "D'Angelo",
    "van der Berg",
)
_SPECIAL_NAMES = ("李小龍", "محمد الأحمد", "אורי כהן")
_TIME_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Warsaw",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Seoul",
    "Australia/Sydney",
    "Africa/Lagos",
)


@dataclass(frozen=True)
class People:
    users: list[User]
    groups: dict[str, list[str]]
    administrators: set[str]


def user_count_for(issue_count: int) -> int:
    """Generated users (besides the demo users): grows slowly with the dataset."""
    return min(25 + issue_count // 500, 300)


def _email_local_part(display_name: str, index: int) -> str:
    lowered = display_name.lower()
    ascii_name = "".join(c for c in lowered if c.isascii() and (c.isalnum() or c == " "))
    return (".".join(ascii_name.split()) or "user") + f".{index}"


def generate_people(rng: random.Random, count: int) -> People:
    """`count` random users plus the demo users, with their group memberships."""
    taken = {user.account_id for user in DEMO_USERS}
    generated: list[User] = []
    for index in range(count):
        account_id = f"{rng.getrandbits(96):024x}"
        while account_id in taken:
            account_id = f"{rng.getrandbits(96):024x}"
        taken.add(account_id)
        if index < len(_SPECIAL_NAMES):
            display_name = _SPECIAL_NAMES[index]
        else:
            display_name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        generated.append(
            User(
                account_id=account_id,
                display_name=display_name,
                email=f"{_email_local_part(display_name, index + 1)}@example.com",
                # The first few users stay active so that every team has active people; the last
                # one has always left, so that every site has an inactive user.
                active=index < 8 or (index != count - 1 and rng.random() >= 0.1),
                time_zone=rng.choice(_TIME_ZONES),
                api_token=f"ATATT3xFfGF0{rng.getrandbits(192):048x}",
            )
        )

    teams: dict[str, list[str]] = {name: [] for name in (*TEAM_GROUPS, SECURITY_GROUP)}
    for index, user in enumerate(generated):
        teams[TEAM_GROUPS[index % len(TEAM_GROUPS)]].append(user.account_id)
        if rng.random() < 0.2:
            teams[rng.choice(TEAM_GROUPS)].append(user.account_id)
    security_size = max(3, count // 10)
    teams[SECURITY_GROUP] = [u.account_id for u in rng.sample(generated, min(security_size, count))]
    teams["team-platform"][:0] = [DEMO_ADMIN.account_id, DEMO_MEMBER.account_id]
    teams["team-web"].insert(0, DEMO_MEMBER.account_id)

    admins = [DEMO_ADMIN.account_id] + [u.account_id for u in generated[:2]]
    groups = {
        ADMINISTRATORS_GROUP: admins,
        SOFTWARE_USERS_GROUP: [DEMO_ADMIN.account_id, DEMO_MEMBER.account_id]
        + [u.account_id for u in generated],
        **{name: sorted(set(members), key=members.index) for name, members in teams.items()},
    }
    return People(
        users=[*DEMO_USERS, *generated],
        groups=groups,
        administrators=set(admins),
    )
