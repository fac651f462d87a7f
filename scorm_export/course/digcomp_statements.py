"""The self-assessment's statements: one plain Swedish "Jag kan …" per DigComp competence and level group.

The project writes these itself (they are not the JRC's texts), for staff in museums, libraries and archives.
The four statements follow the course levels, which are named after DigComp's four proficiency level groups:
grundläggande (levels 1–2), medel (3–4), avancerad (5–6) and specialist (7–8). DigComp 2.2 and 3.0 keep the
same 21 competences under the same numbers, so one set serves both; `OVERRIDES` holds the wording where a
version's competence differs enough to need its own.
"""

from __future__ import annotations

from . import digcomp
from .model import Level

GROUPS = tuple(Level)  # grundläggande, medel, avancerad, specialist: the order of each statement tuple

Statements = tuple[str, str, str, str]

STATEMENTS: dict[str, Statements] = {
    "1.1": (
        "Jag kan söka på webben och i vår katalog med enkla sökord och hitta tillbaka till det jag har hittat.",
        "Jag kan på egen hand planera en sökning och använda filter och avancerad sökning i databaser som Libris eller Kringla.",
        "Jag kan hjälpa besökare och kollegor att välja de källor, sökverktyg och sökstrategier som passar deras fråga bäst.",
        "Jag kan utveckla hur våra samlingar och tjänster går att hitta och lära ut nya sökmetoder till andra i branschen.",
    ),
    "1.2": (
        "Jag kan med hjälp av en checklista avgöra om en webbplats eller ett inlägg verkar pålitligt.",
        "Jag kan själv granska en källa: vem som står bakom, när den publicerades och om andra källor bekräftar uppgifterna.",
        "Jag kan lära besökare och kollegor källkritik och bedöma svåra fall, som manipulerade bilder eller AI-genererad text.",
        "Jag kan ta fram metoder och material för källkritik i vår verksamhet och bidra till hur branschen arbetar med dem.",
    ),
    "1.3": (
        "Jag kan spara, namnge och hitta filer i mappar på datorn och i vår gemensamma lagring.",
        "Jag kan ordna digitalt material strukturerat, med tydliga filnamn, versioner och enkla metadata.",
        "Jag kan välja och införa arbetssätt för hur min grupp ordnar, delar och bevarar data och digitaliserade samlingar.",
        "Jag kan utforma informationshantering och digitalt bevarande för hela organisationen, till exempel metadatastandarder och rutiner för långtidslagring.",
    ),
    "2.1": (
        "Jag kan skicka e-post, chatta och delta i ett videomöte när någon har skickat en länk till mig.",
        "Jag kan välja ett lämpligt digitalt sätt att kommunicera med kollegor och besökare och själv boka och leda ett videomöte.",
        "Jag kan visa kollegor hur våra kommunikationsverktyg fungerar och anpassa kommunikationen efter målgrupp och tillfälle.",
        "Jag kan planera och förbättra hur hela organisationen kommunicerar digitalt, internt och med allmänheten.",
    ),
    "2.2": (
        "Jag kan dela en fil eller en länk med en kollega och lägga upp ett inlägg på vår webbplats eller i sociala medier med stöd.",
        "Jag kan själv dela bilder och texter ur samlingarna digitalt med rätt källangivelse och välja lämplig kanal.",
        "Jag kan lägga upp hur min grupp delar digitalt innehåll och hjälpa kollegor att dela på ett sätt som andra kan återanvända.",
        "Jag kan utforma hur organisationen tillgängliggör och delar sina samlingar och data, till exempel som öppna data.",
    ),
    "2.3": (
        "Jag kan hitta och använda offentliga e-tjänster, till exempel logga in med e-legitimation, med stöd.",
        "Jag kan själv visa en besökare hur hen hittar och använder vanliga offentliga e-tjänster.",
        "Jag kan planera och hålla aktiviteter där invånare lär sig använda digitala tjänster och delta i samhället digitalt.",
        "Jag kan utveckla digitala sätt för invånare att delta i vår verksamhet, till exempel i insamling, dialog eller medskapande.",
    ),
    "2.4": (
        "Jag kan öppna och redigera ett gemensamt dokument som en kollega har delat med mig.",
        "Jag kan själv skapa ett delat dokument eller en projektyta och bjuda in andra att arbeta i den.",
        "Jag kan välja samarbetsverktyg för ett projekt och hjälpa gruppen att komma överens om hur vi använder dem.",
        "Jag kan leda digitalt samarbete mellan organisationer, till exempel ett gemensamt digitaliseringsprojekt med flera institutioner.",
    ),
    "2.5": (
        "Jag kan uppträda vänligt och respektfullt i e-post, chatt och sociala medier.",
        "Jag kan anpassa ton och innehåll efter kanal och mottagare och vet vad jag gör när någon skriver kränkande.",
        "Jag kan hjälpa kollegor att hantera svåra samtal och kommentarer i våra digitala kanaler.",
        "Jag kan ta fram riktlinjer för hur organisationen uppträder och modererar i digitala kanaler.",
    ),
    "2.6": (
        "Jag kan skapa ett konto, välja vad jag visar om mig själv och skilja på mitt privata och mitt arbetsrelaterade konto.",
        "Jag kan själv sköta min digitala identitet i jobbet, till exempel min profil och vad som syns om mig när någon söker.",
        "Jag kan hjälpa kollegor och besökare att skydda sitt rykte och sina konton på nätet.",
        "Jag kan utforma hur organisationen och dess medarbetare framträder digitalt och hur vi hanterar konton och roller.",
    ),
    "3.1": (
        "Jag kan skriva en enkel text med en bild i ett publiceringsverktyg, med en mall eller instruktion.",
        "Jag kan själv göra en webbsida, ett inlägg eller en kort film om något i samlingarna, med rubriker och alternativtext.",
        "Jag kan planera digitalt innehåll för olika kanaler och målgrupper och lära kollegor att göra det tillgängligt.",
        "Jag kan utveckla nya digitala format och tjänster, till exempel en digital utställning, och leda arbetet med dem.",
    ),
    "3.2": (
        "Jag kan ändra i ett befintligt dokument eller en mall, till exempel byta text och bild.",
        "Jag kan bearbeta och kombinera material, som att beskära bilder eller sätta ihop en presentation av flera källor.",
        "Jag kan återanvända och bearbeta innehåll ur samlingarna till nya sammanhang och hjälpa kollegor att göra det.",
        "Jag kan ta fram arbetssätt för hur organisationen återanvänder och bearbetar sitt digitala material i nya verk.",
    ),
    "3.3": (
        "Jag kan se att bilder och texter på nätet kan vara skyddade och leta efter en licens innan jag använder dem.",
        "Jag kan själv välja material med rätt licens, till exempel CC BY, och ange källa korrekt.",
        "Jag kan svara på kollegors frågor om upphovsrätt och licenser och välja licens för det vi själva publicerar.",
        "Jag kan utforma organisationens policy för upphovsrätt, licenser och öppen tillgång till samlingarna.",
    ),
    "3.4": (
        "Jag kan följa en steg-för-steg-instruktion och förstå att ett program gör det som någon har skrivit att det ska göra.",
        "Jag kan dela upp en uppgift i steg och automatisera något enkelt, till exempel med en formel, ett makro eller en regel.",
        "Jag kan skriva eller anpassa enkla skript och program, till exempel för att bearbeta metadata eller filer.",
        "Jag kan utveckla program och automatiska flöden för verksamheten och bedöma andras lösningar.",
    ),
    "4.1": (
        "Jag kan låsa min dator och telefon och installera uppdateringar när jag blir uppmanad.",
        "Jag kan själv skydda mina enheter med starka lösenord, tvåstegsverifiering och säkerhetskopior och känna igen nätfiske.",
        "Jag kan hjälpa kollegor och besökare att skydda sina enheter och veta vad de ska göra vid ett intrång.",
        "Jag kan planera informationssäkerheten för organisationens enheter och system tillsammans med IT.",
    ),
    "4.2": (
        "Jag kan avstå från att dela personuppgifter om mig själv och andra när det inte behövs.",
        "Jag kan själv hantera personuppgifter enligt GDPR i mitt arbete, till exempel i låneregister eller på bilder av besökare.",
        "Jag kan bedöma när ett projekt behandlar personuppgifter och hjälpa kollegor att göra det på ett lagligt sätt.",
        "Jag kan utforma organisationens rutiner för personuppgifter och integritet i digitala tjänster och samlingar.",
    ),
    "4.3": (
        "Jag kan märka när skärmtid eller ständig uppkoppling påverkar mitt välbefinnande och ta pauser.",
        "Jag kan själv ordna min digitala arbetsdag så att den fungerar för mig, till exempel aviseringar, ergonomi och pauser.",
        "Jag kan hjälpa kollegor och besökare att använda digital teknik på ett sätt som främjar hälsa och välbefinnande.",
        "Jag kan ta fram arbetssätt som främjar en hållbar digital arbetsmiljö och ett inkluderande digitalt bemötande i hela organisationen.",
    ),
    "4.4": (
        "Jag kan se att digital teknik förbrukar energi och resurser, till exempel när jag sparar stora filer.",
        "Jag kan själv minska min digitala miljöpåverkan, till exempel genom att rensa filer och välja rimliga bildstorlekar.",
        "Jag kan väga in miljöpåverkan när min grupp väljer digitala verktyg, lagring och utrustning.",
        "Jag kan utforma en strategi för hållbar digitalisering i organisationen, till exempel för lagring och inköp.",
    ),
    "5.1": (
        "Jag kan starta om ett program eller en enhet och beskriva ett problem så att någon kan hjälpa mig.",
        "Jag kan själv lösa vanliga tekniska problem, till exempel med skrivaren, projektorn eller ett inloggningsfel.",
        "Jag kan hjälpa kollegor och besökare att felsöka och veta när och hur ett problem ska lämnas vidare.",
        "Jag kan lösa komplicerade tekniska problem i verksamhetens system och förbättra hur vi förebygger dem.",
    ),
    "5.2": (
        "Jag kan med hjälp hitta ett digitalt verktyg som passar en enkel uppgift.",
        "Jag kan själv jämföra några digitala verktyg och välja det som passar uppgiften och besökarna.",
        "Jag kan kartlägga vad min grupp eller våra besökare behöver och föreslå digitala lösningar.",
        "Jag kan leda arbetet med att välja och upphandla digitala system för organisationen.",
    ),
    "5.3": (
        "Jag kan pröva ett nytt digitalt verktyg för att göra en uppgift på ett annat sätt.",
        "Jag kan själv använda digitala verktyg på nya sätt, till exempel för en programpunkt eller en visning.",
        "Jag kan leda en grupp som prövar nya digitala idéer för att förnya vår verksamhet.",
        "Jag kan driva innovationsarbete med digital teknik och sprida resultaten till andra i branschen.",
    ),
    "5.4": (
        "Jag kan se vad jag behöver lära mig digitalt och be om hjälp eller hitta en kurs.",
        "Jag kan själv planera min digitala kompetensutveckling och följa upp vad jag har lärt mig.",
        "Jag kan hjälpa kollegor att se sina behov av digital kompetens och stötta dem när de lär sig.",
        "Jag kan kartlägga organisationens behov av digital kompetens och planera insatser för hela personalen.",
    ),
}

# Competences whose meaning moved between versions enough to need other words: version -> id -> statements.
OVERRIDES: dict[str, dict[str, Statements]] = {
    "3.0": {
        "2.5": (
            "Jag kan uppträda vänligt och respektfullt i e-post, chatt och sociala medier och tänka efter innan jag delar något.",
            "Jag kan anpassa hur jag uppträder digitalt efter kanal och mottagare och vet vad jag gör när någon skriver kränkande.",
            "Jag kan hjälpa kollegor att hantera svåra samtal och kommentarer och att uppträda ansvarsfullt i våra digitala kanaler.",
            "Jag kan ta fram riktlinjer för hur organisationen uppträder, modererar och använder AI ansvarsfullt i digitala kanaler.",
        ),
    },
}


def statements(version: str) -> dict[str, Statements]:
    """Competence id -> the four statements (grundläggande … specialist), for every competence of `version`."""
    overrides = OVERRIDES.get(version, {})
    return {competence: overrides.get(competence, STATEMENTS[competence]) for competence in digcomp.framework(version).competences}
