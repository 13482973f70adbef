# The same formats in every language (see zh_Hant).
from config.formats.zh_Hant.formats import *  # noqa: F403
