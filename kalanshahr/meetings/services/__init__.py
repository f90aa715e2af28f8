"""Every change to meetings: `core` holds meetings, agendas, resolutions, adoptions and commitments; `cycle` the
cycle around a meeting (proposals, invitations, attendance, minutes, votes, letters). Callers use
`meetings.services.<verb>` whichever module it lives in."""

from .core import *  # noqa: F401,F403
from .core import __all__ as _core
from .cycle import *  # noqa: F401,F403
from .cycle import __all__ as _cycle

__all__ = [*_core, *_cycle]
