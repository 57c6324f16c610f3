"""The licences a press office offers its material under: a fixed vocabulary, each with its terms."""

from django.db import models


class Licence(models.TextChoices):
    """What others may do with an asset. CUSTOM means the terms are written out beside it."""

    EDITORIAL = "editorial", "All rights reserved — editorial use only"
    CC_BY = "cc-by-4.0", "Creative Commons Attribution 4.0 (CC BY 4.0)"
    CC_BY_SA = "cc-by-sa-4.0", "Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)"
    CC_BY_ND = "cc-by-nd-4.0", "Creative Commons Attribution-NoDerivatives 4.0 (CC BY-ND 4.0)"
    CC_BY_NC = "cc-by-nc-4.0", "Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 (CC BY-NC-ND 4.0)"
    CC0 = "cc0-1.0", "Public domain dedication (CC0 1.0)"
    CUSTOM = "custom", "Custom terms (written out)"

    @property
    def terms_url(self):
        """The licence's own terms, or "" for editorial use and custom terms (the site states them)."""
        return TERMS.get(self.value, "")


TERMS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
