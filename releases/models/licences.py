"""The licences a press office offers its material under: one vocabulary for the site settings'
default licence and every press-kit file, each with the address of its terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    """What others may do with a file. CUSTOM means the terms are written out beside it."""

    CC_BY = "cc-by-4.0", "Creative Commons Attribution 4.0 (CC BY 4.0)"
    CC_BY_SA = "cc-by-sa-4.0", "Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)"
    CC_BY_ND = "cc-by-nd-4.0", "Creative Commons Attribution-NoDerivatives 4.0 (CC BY-ND 4.0)"
    CC_BY_NC = "cc-by-nc-4.0", "Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA 4.0)"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 (CC BY-NC-ND 4.0)"
    CC0 = "cc0-1.0", _("CC0 1.0: no rights reserved (public domain dedication)")
    EDITORIAL = "editorial", _("All rights reserved — editorial use only")
    CUSTOM = "custom", _("Custom terms (write them below)")

    @property
    def terms_url(self):
        """The licence's own terms, or "" for editorial use and custom terms (the site states them)."""
        return LICENCE_TERMS.get(self.value, "")


LICENCE_TERMS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
LICENCE_SHORT = {
    Licence.CC_BY: "CC BY 4.0",
    Licence.CC_BY_SA: "CC BY-SA 4.0",
    Licence.CC_BY_ND: "CC BY-ND 4.0",
    Licence.CC_BY_NC: "CC BY-NC 4.0",
    Licence.CC_BY_NC_SA: "CC BY-NC-SA 4.0",
    Licence.CC_BY_NC_ND: "CC BY-NC-ND 4.0",
    Licence.CC0: _("CC0 1.0 (public domain)"),
    Licence.EDITORIAL: _("All rights reserved — editorial use only"),
}
