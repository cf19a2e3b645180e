"""The identity API's answer models; the client's types are generated from them."""

from pydantic import BaseModel


class Me(BaseModel):
    """`GET /api/me`: the site and user the request was authenticated as."""

    client_key: str
    base_url: str
    account_id: str
