"""The words the rules look for, in English and Spanish, and a guess at the language.

Every list here is a class of words a careful reader would name when stating a
rule ("a speech verb", "a job title", "a word that makes a name an
organization"), not names taken from the samples.
"""

import re

# Verbs that attribute words to someone, as printed before or after a quote.
SPEECH_VERBS_EN = (
    r"said|says|say|added|adds|explained|explains|noted|notes|stated|states|commented|comments|continued|"
    r"continues|remarked|remarks|observed|observes|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|declared|"
    r"declares|urged|urges|argued|argues|warned|warns|told|tells|concluded|concludes|pointed out|points out|"
    r"wrote|writes|acknowledged|acknowledges|agreed|agrees|insisted|insists|asserted|asserts|affirmed|"
    r"affirms|highlighted|highlights|recalled|recalls|reflected|reflects|cautioned|cautions|predicted|"
    r"predicts|announced|announces|responded|responds|replied|replies|maintained|maintains|contended|"
    r"contends|testified|testifies|vowed|vows|promised|promises|went on|goes on|summed up|sums up|"
    r"put it|puts it|shared|shares|expressed|expresses|celebrated|celebrates|welcomed|welcomes|reads|"
    # plural subjects: "the groups state that", "they write"
    r"state|add|explain|note|write|urge|argue|warn|conclude|point out|insist|assert|affirm|declare|stress|"
    r"emphasi[sz]e|demand|demanded|demands"
)
SPEECH_VERBS_ES = (
    r"dijo|dice|declaró|declara|afirmó|afirma|señaló|señala|explicó|explica|añadió|añade|aseguró|asegura|"
    r"indicó|indica|manifestó|manifiesta|sostuvo|sostiene|comentó|comenta|destacó|destaca|subrayó|subraya|"
    r"apuntó|apunta|advirtió|advierte|recordó|recuerda|concluyó|concluye|expresó|expresa|denunció|denuncia|"
    r"reclamó|reclama|exigió|exige|lamentó|lamenta|celebró|celebra|agregó|agrega|precisó|precisa|insistió|"
    r"insiste|valoró|valora|defendió|defiende|argumentó|argumenta|enfatizó|enfatiza|continuó|continúa|"
    r"(?:ha|han|había|habían|hubo)\s+\w+(?:ado|ido)"
)
# "has said", "had added": English compound forms.
SPEECH_VERB = rf"(?:(?:has|have|had)\s+)?(?:{SPEECH_VERBS_EN})|{SPEECH_VERBS_ES}"
SPEECH_VERB_RE = re.compile(rf"\b(?:{SPEECH_VERB})\b", re.IGNORECASE)
# Phrases that put the speaker after them with no verb of their own.
ACCORDING_TO = r"according to|in the words of|según|en palabras de"

# Words that make a phrase a job title or role ("executive director", "board chair").
ROLE_NOUNS = (
    r"director|directora|directors|president|presidenta|presidente|chair|chairs|chairman|chairwoman|chairperson|"
    r"co-chair|ceo|cto|cfo|coo|cso|cmo|cio|svp|evp|vp|founder|co-founder|cofounder|fundador|fundadora|"
    r"cofundador|cofundadora|manager|managers|officer|organizer|organiser|coordinator|coordinador|coordinadora|"
    r"secretary|secretario|secretaria|spokesperson|spokesman|spokeswoman|portavoz|vocero|vocera|attorney|"
    r"attorneys|lawyer|abogado|abogada|counsel|analyst|analista|engineer|ingeniero|ingeniera|scientist|"
    r"científico|científica|researcher|investigador|investigadora|professor|profesor|profesora|fellow|member|"
    r"members|miembro|integrante|leader|líder|head|jefe|jefa|lead|advisor|adviser|asesor|asesora|strategist|"
    r"editor|author|autor|autora|associate|assistant|specialist|especialista|representative|senator|senador|"
    r"senadora|governor|gobernador|gobernadora|mayor|alcalde|alcaldesa|minister|ministro|ministra|"
    r"commissioner|comisionado|comisionada|councilmember|councilman|councilwoman|concejal|concejala|"
    r"congressman|congresswoman|congressmember|deputy|diputado|diputada|ambassador|embajador|embajadora|"
    r"treasurer|tesorero|tesorera|partner|principal|superintendent|administrator|worker|workers|trabajador|"
    r"trabajadora|activist|activista|volunteer|voluntario|voluntaria|student|estudiante|teacher|maestro|"
    r"maestra|nurse|enfermera|enfermero|physician|owner|steward|delegate|delegado|delegada|campaigner|provost|"
    r"dean|decano|decana|chancellor|rector|rectora|trustee|economist|economista|historian|writer|journalist|"
    r"producer|pastor|rabbi|imam|bishop|obispo|priest|organizer|plaintiff|resident|vecino|vecina|parent|"
    r"mother|father|madre|padre|survivor|sobreviviente|consultant|consultor|consultora|staff|educator|"
    r"governor|legislator|legisladora|legislador|judge|juez|jueza|sheriff|chief|commander|officer|"
    r"spokesperson|representante|responsable|portavoz|encargado|encargada|gerente|socio|socia"
)
# Words that qualify a role and belong to the title ("Local President", "senior author").
ROLE_MODIFIERS = (
    r"executive|senior|junior|chief|deputy|assistant|associate|vice|co|general|national|regional|state|"
    r"local|acting|interim|managing|founding|former|legal|policy|program|programme|communications|"
    r"campaign|research|first|last|lead|principal|board|staff|ejecutivo|ejecutiva|general|adjunto|adjunta|"
    r"nacional|regional|estatal|jurídico|jurídica|senior|interino|interina"
)
ROLE_NOUN_RE = re.compile(rf"^(?:{ROLE_NOUNS})$", re.IGNORECASE)
ROLE_WORD_RE = re.compile(rf"^(?:{ROLE_NOUNS}|{ROLE_MODIFIERS})$", re.IGNORECASE)
# Honorifics dropped from a person's name ("Dr Matthew Coelho" is Matthew Coelho).
HONORIFIC_RE = re.compile(
    r"^(?:dr|dra|mr|mrs|ms|mx|miss|prof|sr|sra|srta|doña|dña|rev|hon|sir|dame|fr)\.?$", re.IGNORECASE
)

# Words that make a name an organization ("Asian Law Caucus", "Harbor City Tenants Union").
ORG_WORDS = (
    r"association|associations|alliance|center|centre|centro|coalition|council|foundation|fund|institute|"
    r"institution|league|network|project|union|unions|committee|society|organization|organisation|"
    r"federation|church|university|college|school|partnership|forum|group|inc|llc|ltd|corp|corporation|"
    r"company|co|campaign|caucus|agency|department|ministry|office|board|commission|party|club|bank|"
    r"services|service|consortium|collective|cooperative|co-op|press|media|news|lab|labs|laboratory|trust|"
    r"academy|bureau|authority|court|government|administration|movement|initiative|program|programme|"
    r"action|advocates|rights|worldwide|international|national|america|americans|united|gmbh|sa|sl|plc|llp|"
    r"pc|asociación|fundación|instituto|coordinadora|plataforma|federación|confederación|sindicato|"
    r"universidad|colectivo|comisión|ministerio|ayuntamiento|gobierno|consejo|asamblea|red|frente|"
    r"observatorio|comité|cooperativa|mesa|partido|movimiento|iniciativa"
)
ORG_WORD_RE = re.compile(rf"\b(?:{ORG_WORDS})\b", re.IGNORECASE)

ENGLISH = {"the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "are", "as", "by", "this", "we"}
SPANISH = {"el", "la", "los", "las", "de", "del", "que", "y", "en", "por", "para", "con", "una", "se", "es"}


def guess_language(text, hint=None):
    """'en' or 'es': the hint when given, else whichever language's commonest words are commoner."""
    if hint:
        return hint.split("-")[0].lower()
    words = re.findall(r"[a-záéíóúñ]+", (text or "").lower())
    english = sum(word in ENGLISH for word in words)
    spanish = sum(word in SPANISH for word in words)
    return "es" if spanish > english else "en"
