"""A small Lexique client for integration flows, in Python (standard library only).

Translate codes between systems, in batches, and follow the change feed
without ever skipping a change. Copy it into a project and adapt it; `npm
test` runs it against a live server (test/docs/clients.test.ts).

    LEXIQUE_URL=http://localhost:3000 LEXIQUE_API_KEY=lx_... python3 lexique_client.py
"""

import json
import os
import sys
import urllib.error
import urllib.request

# The API's limit on one translateBatch; longer lists are sent in several calls.
BATCH_LIMIT = 10_000

TRANSLATE_BATCH = """
query TranslateBatch($system: String!, $codes: [String!]!, $at: Date) {
  translateBatch(system: $system, codes: $codes, at: $at) {
    code found relation deprecated
    concept { code prefLabel }
    current { code prefLabel }
  }
}"""

CROSSWALK = """
query Crosswalk($from: String!, $code: String!, $to: String!) {
  crosswalk(from: $from, code: $code, to: $to) { targets { localCode localLabel relation } }
}"""

CHANGES = """
query Changes($after: String, $first: Int, $domains: [String!]) {
  changes(after: $after, first: $first, domains: $domains) {
    edges { node { sequence at entity key domain action } }
    pageInfo { hasNextPage endCursor }
  }
}"""


class LexiqueError(Exception):
    """A refusal as the API gives it: code says what kind, reason which rule."""

    def __init__(self, code, reason, message, retry_after=None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.retry_after = retry_after


class LexiqueClient:
    def __init__(self, base_url, api_key=None):
        self.url = base_url.rstrip("/") + "/graphql"
        self.api_key = api_key

    def request(self, query, variables):
        headers = {"content-type": "application/json"}
        if self.api_key:
            headers["x-api-key"] = self.api_key
        body = json.dumps({"query": query, "variables": variables}).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answer = json.load(response)
        except urllib.error.HTTPError as error:
            # GraphQL refusals may come with an HTTP error status: the body still says why
            answer = json.load(error)
        if answer.get("errors"):
            first = answer["errors"][0]
            extensions = first.get("extensions", {})
            raise LexiqueError(extensions.get("code"), extensions.get("reason"), first["message"], extensions.get("retryAfter"))
        return answer["data"]

    def translate_batch(self, system, codes, at=None):
        """What each local code means, in the same order; cut into calls of BATCH_LIMIT codes."""
        answers = []
        for start in range(0, len(codes), BATCH_LIMIT):
            variables = {"system": system, "codes": codes[start : start + BATCH_LIMIT], "at": at}
            answers.extend(self.request(TRANSLATE_BATCH, variables)["translateBatch"])
        return answers

    def crosswalk(self, from_system, code, to_system):
        return self.request(CROSSWALK, {"from": from_system, "code": code, "to": to_system})["crosswalk"]

    def follow_changes(self, after, on_change, domains=None):
        """Reads the feed from `after` (None: the beginning) until caught up; returns the cursor to store."""
        cursor = after
        while True:
            page = self.request(CHANGES, {"after": cursor, "first": 500, "domains": domains})["changes"]
            for edge in page["edges"]:
                on_change(edge["node"])
            # endCursor may lie past the last edge (changes the key may not see): keep it all the same
            cursor = page["pageInfo"]["endCursor"] or cursor
            if not page["pageInfo"]["hasNextPage"]:
                return cursor


def main():
    client = LexiqueClient(os.environ.get("LEXIQUE_URL", "http://localhost:3000"), os.environ.get("LEXIQUE_API_KEY"))
    translations = client.translate_batch("SI-BDX-GRH", ["0703", "0103", "inconnu"])
    crosswalk = client.crosswalk("SI-BDX-GRH", "0103", "SI-MUT-RH")
    changes = []
    cursor = client.follow_changes(os.environ.get("LEXIQUE_CURSOR") or None, changes.append, ["RH"])
    json.dump({"translations": translations, "crosswalk": crosswalk, "changes": len(changes), "cursor": cursor}, sys.stdout)


if __name__ == "__main__":
    main()
