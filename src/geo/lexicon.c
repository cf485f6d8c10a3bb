/* The cue words of recognition: prepositions and verbs that announce a
 * place, titles that announce a person, type words ("province"), the
 * nouns that head organisation names, and so on.  All lists go into one
 * hash table per gazetteer, so classifying a token costs one probe. */
#include "geo_int.h"

#include <string.h>

/* Words that open sentences and are never place names by themselves. */
static const char *const stopwords[] = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "he", "she", "it", "they", "we",
    "i", "you", "this", "that", "these", "those", "when", "while", "after", "before", "as",
    "for", "with", "from", "by", "if", "there", "here", "his", "her", "its", "their", "our",
    "my", "your", "some", "many", "most", "all", "no", "not", "what", "who", "where", "why",
    "how", "since", "during", "under", "over", "about", "also", "then", "now", "yet", "so",
    "both", "each", "every", "another", "other", "such", "though", "although", "because",
    "until", "unless", "meanwhile", "however", "earlier", "later", "last", "next", "more",
    "several", "to", "of", "is", "was", "are", "were", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "according", "despite", "among",
    "between", "near", "outside", "inside", "into", "across", "around", "without", "against",
    "via", "per", "said", "says", "mr", "mrs", "ms", "dr",
    /* news agencies whose names are also places somewhere */
    "xinhua", "reuters", "sputnik", "interfax", "tass", "anadolu", "yonhap", "kyodo",
    "bernama", "irna", "wam",
    /* religious and ethnic groups, which some gazetteer entry spells alike
     * ("Shiite" for Chieti, "Arab" for Arab, Alabama, "Ismaili" for
     * Ismayilli): in the news, "Shiite villages" and "Arab tribes" name
     * people, not a place */
    "shiite", "shiites", "shia", "shias", "sunni", "sunnis", "alawite", "alawites", "druze",
    "christian", "christians", "muslim", "muslims", "jewish", "yazidi", "yazidis", "ezidi",
    "arab", "arabs", "kurd", "kurds", "turkmen", "islamist", "islamists", "jihadist",
    "jihadists", "salafist", "salafi", "coptic", "copts", "maronite", "catholic", "orthodox",
    "sufi", "wahhabi", "ismaili", "houthi", "houthis", "assyrian", "assyrians", "chaldean"};

/* Capitalised calendar words: never places on their own ("March", "Sunday"). */
static const char *const calendar[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter", "ramadan", "eid", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri"};

/* Number words, never places on their own: "Four" of a run-on keyword
 * line ("Syria Idlib airstrikes Four civilians dead") is no village of
 * France.  One that opens a run of capitals is a count ("Ten Russian
 * raids"), one that ends it part of a name ("the San Antonio Four"):
 * gf_classify_token. */
static const char *const numbers[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens"};

/* A title before a name makes it a person: "President Jordan". */
static const char *const titles[] = {
    "president", "vice", "pres", "mr", "mrs", "ms", "miss", "dr", "gen", "general", "sen", "senator",
    "rep", "representative", "gov", "governor", "mayor", "king", "queen", "prince",
    "princess", "sheikh", "shaikh", "emir", "sultan", "pope", "minister", "premier",
    "chancellor", "secretary", "ambassador", "judge", "justice", "lt", "col", "colonel", "maj",
    "major", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "brig", "commander",
    "cmdr", "chief", "coach", "rev", "reverend", "father", "imam", "ayatollah", "rabbi",
    "bishop", "cardinal", "lord", "lady", "sir", "dame", "professor", "prof", "director",
    "spokesman", "spokeswoman", "spokesperson", "leader", "chairman", "deputy", "mp",
    "officer", "envoy", "detective", "sgt", "pvt", "cpl", "lieutenant", "corporal", "private",
    "brother", "sister", "uncle", "aunt", "son", "daughter"};

/* Kin before a name make it a person's: "his wife, Tonya", "daughters Malia
 * and Sasha" (obituaries and family stories list them). */
static const char *const kin[] = {
    "wife", "husband", "son", "sons", "daughter", "daughters", "brother", "brothers", "sister",
    "sisters", "mother", "father", "grandson", "grandsons", "granddaughter", "granddaughters",
    "grandchildren", "children", "nephew", "nephews", "niece", "nieces", "cousin", "cousins",
    "widow", "widower", "fiance", "fiancee", "stepson", "stepdaughter", "stepchildren",
    "parents", "grandparents", "grandmother", "grandfather", "uncle", "aunt", "friend"};

/* Verbs of saying after a name: a small town does not speak, a person or
 * a capital (for its government) does. */
static const char *const speech[] = {
    "said", "says", "told", "tweeted", "added", "wrote", "explained", "stated", "recalled",
    "insisted", "argued", "noted", "asked", "replied", "answered", "testified"};

/* Nouns after a name that make it the place of an event: "the Houla
 * massacre", "the Ghouta attack", "the Aleppo offensive". */
static const char *const event_nouns[] = {
    "massacre", "massacres", "attack", "attacks", "offensive", "siege", "bombing", "bombings",
    "shelling", "uprising", "battle", "battles", "clashes", "fighting", "blast", "explosion",
    "earthquake", "floods", "flood", "shooting", "riots", "protests", "protest",
    "ceasefire", "truce", "evacuation", "crisis", "frontline", "operation",
    "airstrike", "airstrikes", "raid", "raids", "ambush", "landslide", "storm", "summit",
    "talks", "conference", "agreement", "accord", "accords", "declaration"};

/* Words after a name that make it an administrative unit or settlement. */
static const char *const type_adm1[] = {"province", "governorate", "state", "oblast",
                                        "region", "prefecture", "provinces"};
static const char *const type_adm2[] = {"district", "county", "municipality", "borough",
                                        "parish", "township", "subdistrict", "countryside"};
static const char *const type_town[] = {"city", "town", "village", "camp", "neighbourhood",
                                        "neighborhood", "neighbourhoods", "neighborhoods",
                                        "suburb", "suburbs", "quarter",
                                        "area", "refugee", "crossing", "town's", "city's"};

/* Parts of a town ("the Maisaloun neighbourhood"): places too small for
 * most gazetteers, which sit in the story's country. */
static const char *const type_part[] = {"neighbourhood", "neighborhood", "neighbourhoods",
                                        "neighborhoods", "quarter", "suburb", "suburbs"};

/* Head nouns of organisation names: "Toronto Police", "Jordan Times". */
static const char *const org_nouns[] = {
    "police", "department", "university", "college", "school", "hospital", "council", "court",
    "times", "post", "news", "herald", "journal", "tribune", "gazette", "press", "observer",
    "association", "foundation", "institute", "center", "centre", "party", "army", "forces",
    "airport", "airways", "airlines", "station", "bank", "company", "corporation", "corp",
    "inc", "club", "church", "mosque", "committee", "commission", "ministry", "government",
    "authority", "agency", "service", "services", "board", "fire", "republican", "democrat",
    "democrats", "chamber", "museum", "library", "stadium", "hall", "observatory", "guard",
    "brigade", "brigades", "front", "movement", "council", "union", "league", "group", "media",
    "network", "tv", "radio", "channel", "daily", "star", "sun", "mail", "telegraph",
    "chronicle", "record", "review", "magazine", "assembly", "parliament", "senate", "office",
    "regime", "coalition", "alliance", "federation", "organization", "organisation", "fund",
    "trust", "society", "clinic", "medical", "regional", "international", "national", "fc",
    "united", "city's", "cathedral", "castle", "palace", "tower", "bridge", "port"};

/* Institutions that serve a place and are named after it: "London
 * Police", "Enfield Council", "Barren County Coroner", "Adair County
 * Regional Jail".  The name still names the place (their seat), where an
 * organisation's brand ("Jordan Times", "Syrian Observatory") does not. */
static const char *const seat_nouns[] = {
    "police", "sheriff", "sheriff's", "council", "government", "department", "coroner",
    "court", "courts", "fire", "troopers", "trooper", "schools", "school", "jail", "prison",
    "detention", "ministry", "authority", "municipality", "administration", "hospital",
    "medical", "clinic", "health", "library", "airport", "office", "board", "commission",
    "service", "services", "community", "residents", "republican", "democrat", "native",
    "natives", "resident", "voters", "officials", "authorities", "emergency", "rescue", "ambulance"};

/* After a name, these make it a street or site, not the place: "College Street". */
static const char *const street_nouns[] = {
    "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "highway", "hwy",
    "lane", "drive", "way", "square", "park", "garden", "gardens", "plaza", "circle", "court",
    "place", "terrace", "crescent", "expressway", "freeway", "interstate", "trail"};

/* Qualifiers that may precede a name inside a capitalised run. */
static const char *const qualifiers[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
    "south-east", "south-west", "northeastern", "northwestern", "southeastern",
    "southwestern", "greater", "upper", "lower", "old", "rural", "inner", "outer",
    "metropolitan", "downtown", "occupied", "besieged", "liberated", "mainland"};

/* Lower-case words joining the words of one name. */
static const char *const connectors[] = {"of", "de", "del", "della", "di", "da", "do", "dos",
                                         "das", "du", "des", "la", "le", "les", "el", "al",
                                         "and", "on", "upon", "am", "an", "der", "den", "en",
                                         "y", "sur", "ad", "ar", "as", "ash", "az", "bin", "ibn"};

/* A preposition or verb before a name: the name is a place. */
static const char *const preps[] = {
    "in", "near", "at", "from", "to", "into", "outside", "across", "toward", "towards",
    "around", "via", "through", "throughout", "within", "inside", "between", "off", "along",
    "on", "over", "against", "entered", "entering", "reached", "captured", "seized",
    "stormed", "shelled", "bombed", "besieged", "recaptured", "retook", "liberated",
    "visited", "visit", "visiting", "fled", "evacuated", "returned", "born", "based",
    "outskirts", "beyond", "surrounding", "encircled", "overran", "shelling", "bombing",
    "airstrikes", "strikes", "raids", "siege", "offensive", "battle", "fighting", "clashes",
    "travelled", "traveled", "arrived", "moved", "headed", "located", "lives", "lived"};

/* The prepositions that most surely announce a place: where a capitalised
 * word after them matches nothing, one edit is worth trying. */
static const char *const place_preps[] = {
    "in", "near", "outside", "inside", "within", "around", "across", "at", "outskirts", "from",
    "into", "toward", "towards", "shelled", "stormed", "bombed", "captured", "seized",
    "besieged", "entered", "recaptured", "retook", "liberated", "overran", "encircled",
    "reached"};

/* Nouns before "of": "the outskirts of X", "the city of X". */
static const char *const of_nouns[] = {
    "outskirts", "city", "town", "village", "province", "district", "county", "region",
    "state", "suburb", "suburbs", "countryside", "neighbourhood", "neighborhood",
    "neighbourhoods", "neighborhoods", "capital",
    "governorate", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "part", "parts", "heart", "center", "centre", "streets", "area", "areas",
    "vicinity", "edge", "edges", "outskirt", "environs", "port", "kingdom", "republic",
    "residents", "people", "citizens", "government", "borders", "border", "island", "islands",
    "coast", "municipality", "camp", "hills", "town's", "city's", "entrance", "gates",
    "siege", "battle", "fall", "liberation", "countryside", "towns", "cities", "villages",
    "provinces", "districts", "neighbourhoods", "neighborhoods"};

/* Skipped when looking back for a cue: "in the rebel-held eastern X". */
static const char *const skip_back[] = {
    "the", "northern", "southern", "eastern", "western", "central", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
    "south-eastern", "south-western", "rebel-held", "government-held", "opposition-held",
    "regime-held", "besieged", "nearby", "neighbouring", "neighboring", "war-torn", "restive",
    "embattled", "rural", "rebel", "opposition", "insurgent", "militant", "kurdish-held",
    "is-held", "isis-held", "jihadist-held", "strategic", "key", "town", "city", "village",
    "province", "district", "of", "neighbouring", "coastal", "northeast", "northwest",
    "southeast", "southwest", "north", "south", "east", "west", "downtown", "suburban", "a",
    "capital", "mountainous", "southernmost", "northernmost", "flashpoint", "contested",
    "occupied", "israeli-occupied", "disputed", "annexed", "oil-rich", "volatile", "troubled",
    "impoverished", "remote", "lawless", "breakaway", "separatist-held", "russian-held"};

static const char *const compass[] = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west"};

/* ---- the cue lexicon: every list above in one hash table, built once per
 * gazetteer (geo_lexicon_build) so a token is classified with one probe. */


typedef struct lexlist {
    const char *const *words;
    size_t n;
    uint32_t flag;
} lexlist;

#define LL(list, flag) {(list), sizeof(list) / sizeof *(list), (flag)}

void geo_lexicon_build(geo_lex *lx)
{
    const lexlist lists[] = {
        LL(stopwords, LX_STOP), LL(calendar, LX_CAL), LL(numbers, LX_NUM), LL(titles, LX_TITLE),
        LL(type_adm1, LX_ADM1), LL(type_adm2, LX_ADM2), LL(type_town, LX_TOWN),
        LL(org_nouns, LX_ORG), LL(street_nouns, LX_STREET), LL(qualifiers, LX_QUAL),
        LL(connectors, LX_CONN), LL(preps, LX_PREP), LL(of_nouns, LX_OFNOUN),
        LL(skip_back, LX_SKIP), LL(compass, LX_COMPASS), LL(place_preps, LX_PLACEPREP),
        LL(seat_nouns, LX_SEAT), LL(kin, LX_KIN), LL(speech, LX_SPEECH),
        LL(event_nouns, LX_EVENT), LL(type_part, LX_PART)};
    memset(lx, 0, sizeof *lx);
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
        for (size_t i = 0; i < lists[l].n; i++) {
            const char *w = lists[l].words[i];
            size_t n = strlen(w);
            if (!n || n > GEO_LEX_WORD)
                continue;   /* (none is: the lists above are short words) */
            uint64_t x = geo_lex_w8(w, n);
            uint32_t len = (uint32_t)n << 24;
            /* its entry, or the first free one (there is room: 5 ways of
             * 256 lines for some 650 words) */
            unsigned b = geo_lex_home(x, n);
            int e = -1;
            for (;; b = (b + 1) & (GEO_LEX_LINES - 1)) {
                geo_lex_line *ln = &lx->line[b];
                for (int k = 0; k < GEO_LEX_WAYS && e < 0; k++)
                    if ((uint32_t)k == ln->used ||
                        (ln->w[k] == x && (ln->meta[k] & 0xff000000u) == len &&
                         (n <= 8 || geo_lex_tail_eq(lx->tail[b * GEO_LEX_WAYS + k], w, n))))
                        e = k;
                if (e >= 0)
                    break;
            }
            geo_lex_line *ln = &lx->line[b];
            if ((uint32_t)e == ln->used)
                ln->used++;
            ln->w[e] = x;
            ln->meta[e] |= len | lists[l].flag;
            if (n > 8) {
                uint64_t *t = lx->tail[b * GEO_LEX_WAYS + e];
                memcpy(&t[0], w + n - 8, 8);
                if (n > 16)
                    memcpy(&t[1], w + 8, 8);
            }
            unsigned pb = geo_lex_pre_bit(w, n);
            lx->pre[pb >> 6] |= 1ull << (pb & 63);
            if ((lists[l].flag & LX_CONN) && n > lx->conn_max)
                lx->conn_max = n;
            if ((lists[l].flag & LX_CONN) && w[0] >= 'a' && w[0] <= 'z' && n < 8)
                lx->conn_shape[w[0] - 'a'] |= (uint8_t)(1u << n);
        }
    }
}
