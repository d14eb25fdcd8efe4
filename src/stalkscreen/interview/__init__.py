"""The interview: a terminal-free state machine over one screening in progress.

An :class:`Interview` holds the library, the instruments chosen (the *plan*)
and the answers so far, and knows which *step* comes next:

    case details → pre-flight checks → for each instrument: section gates,
    items and their details (S-DASH behind an offer when DASH/RIC Q8 is yes)
    → professional judgement → review

The sequence is recomputed from the answers every time, so conditions always
hold: a section whose gate is answered no drops out, details appear only
when their ``when`` holds, and the S-DASH offer appears only while Q8 is yes.

**Answers that stop applying are set aside, not scored.** When a change makes
answered items inapplicable (Q8 changed from yes to no after the S-DASH was
answered, or the children gate changed to no), those answers leave the
screening and wait in :attr:`Interview.set_aside` for the rest of the session;
a :attr:`notices` line says so. If the change is undone (Q8 yes again and the
offer accepted), they come back. Set-aside answers are never written to the
file, so the saved screening never holds answers that do not apply.

**Persistence.** After every change the draft (status ``in-progress``) is
written atomically, mode 0600, by the :class:`~stalkscreen.drafts.DraftStore`;
``meta.cursor`` records the plan and the exact step (``dash,srp-red-flags|item/dash/q12``),
so :meth:`Interview.resume` continues exactly where the draft stopped.
"""

from stalkscreen.interview.engine import Interview
from stalkscreen.interview.plan import check_plan
from stalkscreen.interview.steps import (
    CASE_FIELDS,
    DEFAULT_PLAN,
    OFFER_ACCEPTED,
    OFFER_DECLINED,
    PREFLIGHT,
    Field,
    InterviewError,
    Row,
    Step,
    View,
    offer_key,
    parse_count,
    parse_date,
    parse_relationship,
)

__all__ = [
    "CASE_FIELDS",
    "DEFAULT_PLAN",
    "OFFER_ACCEPTED",
    "OFFER_DECLINED",
    "PREFLIGHT",
    "Field",
    "Interview",
    "InterviewError",
    "Row",
    "Step",
    "View",
    "check_plan",
    "offer_key",
    "parse_count",
    "parse_date",
    "parse_relationship",
]
