/* The label's cue phrases (private to src/code/label.c, which includes
 * it once): the words and word pairs that give a document its ACLED-style
 * label, with their weights.  See label.c for how they are read. */
#ifndef SR_LABEL_CUES_H
#define SR_LABEL_CUES_H

/* A cue: `a` is a phrase (words separated by blanks); with `b` set, a and
 * b are word lists ("|") that must both occur in one sentence. */
typedef struct cue {
    int label;
    int weight;
    const char *a, *b;
} cue;

#define WEAPONS "weapon|arm|arms|ammunition|ammo|explosive|rifle|pistol|gun|firearm|grenade|" \
                "cartridge|rounds|bullet|magazine|detonator|ied|bomb|device|kalashnikov|ak-47|" \
                "revolver|shotgun|launcher|rpg|mortar|rocket|missile|mine|landmine|gunpowder"
#define CROWD "protester|demonstrator|protest|demonstration|rally|march|crowd|marcher|rallies|" \
              "sit-in"

/* What makes a rally a gathering, not a market's or a politician's
 * ("stocks rallied", "rallied support"): people, a place, a cause. */
#define RALLY_CROWD "protester|demonstrator|supporter|thousands|hundreds|dozens|crowd|square|" \
                    "street|streets|against|outside|opposition|activist|held|staged|gather|" \
                    "chant|slogan|placard|banner|police|attendee|participant"

static const cue cues[] = {
    /* means of attack */
    {L_CHEM, 6, "chemical", "attack|weapon|strike|bomb|shell|rocket|use|used|munition|agent|"
                            "opcw|gas attack"},
    {L_CHEM, 6, "chemical weapon", NULL}, {L_CHEM, 6, "chemical attack", NULL},
    {L_CHEM, 6, "sarin", NULL}, {L_CHEM, 5, "chlorine", "attack|barrel|bomb|shell|rocket|drop|weapon"},
    {L_CHEM, 6, "mustard gas", NULL}, {L_CHEM, 6, "nerve agent", NULL},
    {L_CHEM, 5, "toxic gas|poison gas", "attack|bomb|shell|rocket|drop|weapon|use"},
    {L_CHEM, 5, "gas attack", NULL}, {L_CHEM, 6, "poisonous gas", NULL},
    {L_CHEM, 5, "mustard", NULL},
    {L_CHEM, 5, "gas", "suffocation|suffocate|inhale|inhaling|inhalation|choking|respiratory|poison"},
    {L_SUICIDE, 6, "suicide", NULL}, {L_SUICIDE, 5, "blew himself", NULL},
    {L_SUICIDE, 5, "blew herself", NULL}, {L_SUICIDE, 5, "explosive vest", NULL},
    {L_SUICIDE, 5, "explosive belt", NULL},
    {L_GRENADE, 4, "grenade", NULL}, {L_GRENADE, 2, "hurl", "grenade|explosive"},
    {L_AIR, 5, "air strike", NULL}, {L_AIR, 5, "airstrike", NULL}, {L_AIR, 5, "air raid", NULL},
    {L_AIR, 4, "warplane", NULL}, {L_AIR, 4, "war plane", NULL}, {L_AIR, 4, "fighter jet", NULL},
    {L_AIR, 4, "jet", "strike|bomb|attack|raid|fire|missile|target|pound|hit|shell"},
    {L_AIR, 4, "drone", NULL}, {L_AIR, 4, "helicopter gunship", NULL},
    {L_AIR, 3, "helicopter", "strike|bomb|attack|raid|fire|missile|target|pound|hit|shell|gunship"},
    {L_AIR, 4, "aerial", NULL}, {L_AIR, 4, "air force", NULL},
    {L_AIR, 3, "bombard", "plane|aircraft|jet|air"}, {L_AIR, 4, "barrel bomb", NULL},
    {L_AIR, 4, "air-strike", NULL},
    {L_AIR, 4, "aircraft", "strike|bomb|attack|raid|fire|missile|target|pound|hit|shell"},
    {L_ARTY, 4, "shell", NULL}, {L_ARTY, 4, "artillery", NULL}, {L_ARTY, 4, "mortar", NULL},
    {L_ARTY, 4, "rocket", NULL}, {L_ARTY, 4, "missile", NULL}, {L_ARTY, 3, "barrage", NULL},
    {L_ARTY, 4, "howitzer", NULL}, {L_ARTY, 3, "projectile", NULL}, {L_ARTY, 3, "katyusha", NULL},
    {L_ARTY, 3, "bombardment", NULL},
    {L_REMOTE, 5, "ied", NULL}, {L_REMOTE, 5, "roadside bomb", NULL},
    {L_REMOTE, 5, "landmine", NULL}, {L_REMOTE, 5, "land mine", NULL},
    {L_REMOTE, 5, "car bomb", NULL}, {L_REMOTE, 5, "explosive device", NULL},
    {L_REMOTE, 4, "booby trap", NULL}, {L_REMOTE, 4, "remote control", NULL},
    {L_REMOTE, 4, "remote-controlled", NULL}, {L_REMOTE, 4, "improvised", NULL},
    {L_REMOTE, 3, "bomb", "explode|blast|detonate|went off|kill|wound|injur"},
    {L_REMOTE, 3, "blast", NULL}, {L_REMOTE, 2, "explosion", "kill|wound|injur|bomb"},
    {L_REMOTE, 3, "mine", "explode|vehicle|step|hit|struck"}, {L_REMOTE, 3, "bombing", NULL},
    {L_CLASH, 3, "clash", NULL}, {L_CLASH, 3, "gunfight", NULL}, {L_CLASH, 3, "firefight", NULL},
    {L_CLASH, 3, "fighting", NULL}, {L_CLASH, 3, "exchange of fire", NULL},
    {L_CLASH, 3, "exchanged fire", NULL}, {L_CLASH, 3, "fire exchange", NULL}, {L_CLASH, 3, "gun battle", NULL},
    {L_CLASH, 2, "battle", NULL}, {L_CLASH, 2, "skirmish", NULL}, {L_CLASH, 2, "fought", NULL},
    {L_CLASH, 2, "encounter", "militant|rebel|terrorist|security force|troop|police|army"},
    {L_CLASH, 2, "both sides", NULL}, {L_CLASH, 2, "offensive", NULL},
    {L_ATTACK, 2, "attack", NULL}, {L_ATTACK, 2, "gunmen", NULL}, {L_ATTACK, 2, "gunman", NULL},
    {L_ATTACK, 2, "shot dead", NULL}, {L_ATTACK, 2, "opened fire", NULL},
    {L_ATTACK, 2, "open fire", NULL}, {L_ATTACK, 2, "stab", NULL}, {L_ATTACK, 2, "ambush", NULL},
    {L_ATTACK, 2, "massacre", NULL}, {L_ATTACK, 2, "assailant", NULL},
    {L_ATTACK, 1, "kill", NULL}, {L_ATTACK, 1, "shot", NULL}, {L_ATTACK, 1, "murder", NULL},
    {L_ATTACK, 2, "behead", NULL}, {L_ATTACK, 2, "execute", NULL}, {L_ATTACK, 2, "gunned", NULL},
    /* people taken, hurt */
    {L_ABDUCT, 5, "kidnap", NULL}, {L_ABDUCT, 5, "abduct", NULL}, {L_ABDUCT, 4, "hostage", NULL},
    {L_ABDUCT, 3, "disappear", NULL}, {L_ABDUCT, 3, "abduction", NULL},
    {L_ABDUCT, 2, "missing", "since|taken|seized|men"},
    {L_SEXVIOL, 6, "rape", NULL}, {L_SEXVIOL, 6, "sexual", NULL}, {L_SEXVIOL, 6, "sexually", NULL},
    {L_SEXVIOL, 5, "molest", NULL}, {L_SEXVIOL, 5, "gang-rape", NULL},
    {L_ARREST, 4, "arrest", NULL}, {L_ARREST, 3, "detain", NULL}, {L_ARREST, 3, "apprehend", NULL},
    {L_ARREST, 3, "custody", NULL}, {L_ARREST, 2, "nab", NULL}, {L_ARREST, 2, "round up", NULL},
    {L_ARREST, 2, "rounded up", NULL}, {L_ARREST, 2, "taken into", NULL},
    {L_ARREST, 2, "detention", NULL}, {L_ARREST, 2, "charged with", NULL},
    /* weapons and bases */
    {L_DISR, 7, "seize|seizure|recover|found|find|discover|confiscate|defuse|defused|intercept|"
                "unearth|cache|haul|hidden|stash|recovery|dismantle|disarm|surrender|impound|"
                "clear|remove|identify|demine|demining",
     WEAPONS},
    {L_DISR, 4, "bomb disposal", NULL}, {L_DISR, 4, "arms cache", NULL},
    {L_DISR, 4, "weapons cache", NULL}, {L_DISR, 4, "suspicious package", NULL},
    {L_DISR, 3, "bomb squad", NULL},
    {L_HQ, 7, "set up|setup|establish|build|built|open|deploy|erect|create|construct",
     "post|base|headquarters|headquarter|outpost|checkpoint|observation|camp|position|office|"
     "barracks|garrison|point"},
    {L_GROUP, 5, "join|defect|merge|merger|allegiance|rename|dissolve|disband|split|splinter|"
                 "form|formation|new leader|appoint|elect|launch|announce|set up",
     "group|faction|militia|movement|brigade|coalition|alliance|organization|organisation|"
     "party|front|wing"},
    {L_GROUP, 3, "pledged allegiance", NULL}, {L_GROUP, 3, "defected", NULL},
    /* territory */
    {L_GOV_TER, 6, "recapture", NULL}, {L_GOV_TER, 6, "retake", NULL}, {L_GOV_TER, 6, "retook", NULL},
    {L_GOV_TER, 6, "regain", NULL}, {L_GOV_TER, 5, "liberate", NULL}, {L_GOV_TER, 5, "reclaim", NULL},
    {L_GOV_TER, 3, "liberation", NULL}, {L_GOV_TER, 6, "recovered control", NULL},
    {L_GOV_TER, 6, "regained control", NULL}, {L_GOV_TER, 6, "restored control", NULL}, {L_GOV_TER, 3, "cleared", "town|village|area|city|district"},
    /* Weak on their own: state forces named in a sentence (see the
     * territory rule below). */
    {L_GOV_TER, 1, "government forces|government troops|army|soldiers|troops|regime forces|"
                   "military|security forces", NULL},
    {L_GOV_TER, 5, "pushed|drove|flushed|ousted|expelled|dislodged",
     "government forces|government troops|army|soldiers|security forces|military"},
    /* "controlled" only as a verb with its object: "rebel controlled
     * town" says who holds it, not that it changed hands. */
    {L_NSA_TER, 6, "seize control|take control|took control|taken control|capture|overran|"
                   "overrun|took over|take over|taken over|fell to|controlled the|entered|"
                   "gained control|assumed control",
     "town|city|village|district|area|territory|base|region|province|airport|border|crossing|"
     "stronghold|outpost|hilltop|camp|headquarters"},
    /* (seizing, only with what is held rather than carried: "weapons
     * seized on a boat ... in the city" took no city) */
    {L_NSA_TER, 6, "seize", "headquarters|territory|stronghold|hilltop"},
    /* ACLED: forces moving (withdrawing, pulling back, deployed) change
     * a group's activity; territory changes hands without a fight only
     * when someone takes what the others left (see the rule below). */
    {L_GROUP, 5, "withdraw|withdrawal|withdrew|withdrawn|pull out|pulled out|pull back|pulled back|"
                 "redeploy|redeployed|dispatched|deployed|relocate|relocated",
     "troop|troops|force|forces|fighter|fighters|militant|militants|rebel|rebels|army|soldier|"
     "soldiers|unit|units"},
    {L_NONVIOL_TER, 6, "hand over|handed over|handover|cede|ceded|without resistance|"
                       "without a fight|without fighting|transferred control|transfer of control",
     NULL},
    /* protest */
    {L_PEACE_PROT, 3, "protest", NULL}, {L_PEACE_PROT, 3, "demonstration", NULL},
    {L_PEACE_PROT, 3, "demonstrator", NULL}, {L_PEACE_PROT, 3, "rally", RALLY_CROWD},
    {L_PEACE_PROT, 3, "rallies", RALLY_CROWD}, {L_PEACE_PROT, 2, "march", NULL},
    {L_PEACE_PROT, 3, "sit-in", NULL}, {L_PEACE_PROT, 2, "picket", NULL},
    {L_PEACE_PROT, 2, "placard", NULL}, {L_PEACE_PROT, 2, "slogan", NULL},
    {L_PEACE_PROT, 2, "chant", NULL}, {L_PEACE_PROT, 2, "hunger strike", NULL},
    {L_PEACE_PROT, 2, "took to the street", NULL}, {L_PEACE_PROT, 2, "went on strike", NULL},
    {L_PEACE_PROT, 2, "strike|standstill", "worker|union|teacher|doctor|driver|employee|staff"},
    {L_PROT_INTER, 6, CROWD,
     "tear gas|teargas|tear-gas|water cannon|disperse|dispersal|break up|broke up|detain|arrest|"
     "rubber bullet|baton|pepper|"
     "smoke grenade|stun grenade|nonlethal|non-lethal|plastic bullet"},
    {L_FORCE_PROT, 5, CROWD, "live ammunition|live fire|live round|shot dead|killed|opened fire|"
                             "open fire|fired on|fired at|fired into|gunned|crackdown|brutal|beat|"
                             "gunfire|bullet|shot|killing|suppress|violently|injured|wounded"},
    {L_VIOL_DEMO, 6, "protester|demonstrator|rioter|protest|crowd",
     "stone|torch|set fire|set on fire|burn|loot|vandal|petrol bomb|molotov|barricade|"
     "clash|pelt|hurl|smash|storm|ransack|violence|scuffle|throw|threw|bottle|block|blocking"},
    /* Weaker: who attacked whom is open ("a crackdown on demonstrators
     * ... as fatal attacks continue"). */
    {L_VIOL_DEMO, 3, "protester|demonstrator|rioter|protest|crowd", "damage|attack|confrontation"},
    {L_VIOL_DEMO, 5, "riot", NULL}, {L_VIOL_DEMO, 5, "rioting", NULL},
    {L_MOB, 6, "mob", NULL}, {L_MOB, 6, "vigilante", NULL}, {L_MOB, 6, "vigilantism", NULL},
    {L_MOB, 6, "lynch", NULL}, {L_MOB, 3, "angry resident", NULL}, {L_MOB, 3, "angry villager", NULL},
    {L_MOB, 3, "communal", NULL}, {L_MOB, 3, "sectarian violence", NULL},
    {L_PROPERTY, 5, "torch|set fire|set on fire|burn|burnt|destroy|demolish|loot|vandalize|"
                    "vandalise|raze|ransack|bulldoze|damage",
     "house|home|property|shop|vehicle|building|church|mosque|temple|school|office|car|crop|"
     "store|market|hut|village"},
    /* not political violence */
    {L_NATURAL, 7, "earthquake", NULL}, {L_NATURAL, 7, "quake", NULL}, {L_NATURAL, 6, "flood", NULL},
    {L_NATURAL, 6, "flooding", NULL}, {L_NATURAL, 7, "cyclone", NULL}, {L_NATURAL, 7, "hurricane", NULL},
    {L_NATURAL, 7, "typhoon", NULL}, {L_NATURAL, 6, "landslide", NULL}, {L_NATURAL, 6, "mudslide", NULL},
    {L_NATURAL, 6, "drought", NULL}, {L_NATURAL, 7, "tsunami", NULL}, {L_NATURAL, 6, "wildfire", NULL},
    {L_NATURAL, 6, "bushfire", NULL}, {L_NATURAL, 6, "forest fire", NULL},
    {L_NATURAL, 6, "volcano", NULL}, {L_NATURAL, 6, "eruption", NULL},
    {L_NATURAL, 5, "heavy rain", NULL}, {L_NATURAL, 6, "avalanche", NULL},
    {L_NATURAL, 6, "tornado", NULL}, {L_NATURAL, 4, "storm", "rain|wind|weather|tropical|snow|flood|hail|thunder|dust"}, {L_NATURAL, 5, "magnitude", NULL},
    {L_NATURAL, 4, "torrential", NULL}, {L_NATURAL, 5, "lightning", NULL},
    {L_MANMADE, 5, "fire broke out", NULL}, {L_MANMADE, 5, "blaze", NULL},
    {L_MANMADE, 4, "collapse", NULL}, {L_MANMADE, 5, "derail", NULL}, {L_MANMADE, 5, "capsize", NULL},
    {L_MANMADE, 4, "sank", NULL}, {L_MANMADE, 5, "stampede", NULL}, {L_MANMADE, 5, "gas leak", NULL},
    {L_MANMADE, 5, "gas explosion", NULL},
    {L_MANMADE, 4, "accident", NULL}, {L_MANMADE, 5, "oil spill", NULL},
    {L_MANMADE, 4, "crash", "plane|train|bus|aircraft|helicopter|car|truck|vehicle"},
    {L_MANMADE, 4, "explosion|explode|fire|blast", "factory|plant|warehouse|mine|refinery|"
                                                  "depot|tanker|pipeline|market|hospital|industrial"},
    {L_MANMADE, 3, "firefighter", NULL}, {L_MANMADE, 3, "fire service", NULL},
    {L_MANMADE, 3, "short circuit", NULL}, {L_MANMADE, 3, "boat", "drown|sank|capsize"},
    {L_MANMADE, 5, "poisoning", NULL}, {L_MANMADE, 5, "food poisoning", NULL},
    {L_MANMADE, 5, "spill", NULL}, {L_MANMADE, 5, "boiler", NULL}, {L_MANMADE, 4, "leak", NULL},
    {L_MANMADE, 4, "contaminat", NULL}, {L_MANMADE, 4, "toxin", "eat|drink|consum|hospital"}, {L_MANMADE, 4, "toxic", "eat|drink|consum|leak|spill|fume"},
    {L_NATURAL, 5, "outbreak", "disease|virus|cholera|measles|ebola|flu|influenza|infection|"
                               "fever|plague|case|dengue|measles|malaria|polio|meningitis"}, {L_NATURAL, 5, "epidemic", NULL},
    {L_NATURAL, 5, "pandemic", NULL}, {L_NATURAL, 5, "cholera", NULL}, {L_NATURAL, 5, "covid", NULL},
    {L_NATURAL, 5, "coronavirus", NULL}, {L_NATURAL, 4, "virus", NULL}, {L_NATURAL, 4, "ebola", NULL},
    {L_CRIME, 5, "drug", NULL}, {L_CRIME, 5, "cartel", NULL}, {L_CRIME, 5, "trafficking", NULL}, {L_CRIME, 5, "trafficker", NULL},
    {L_CRIME, 5, "smuggling", NULL}, {L_CRIME, 5, "smuggler", NULL},
    {L_CRIME, 5, "narcotic", NULL}, {L_CRIME, 5, "cocaine", NULL}, {L_CRIME, 5, "heroin", NULL},
    {L_CRIME, 4, "gang", NULL}, {L_CRIME, 4, "robbery", NULL}, {L_CRIME, 4, "robber", NULL},
    {L_CRIME, 4, "extortion", NULL}, {L_CRIME, 4, "money laundering", NULL},
    {L_CRIME, 4, "fraud", NULL}, {L_CRIME, 4, "poach", NULL}, {L_CRIME, 4, "contraband", NULL},
    {L_CRIME, 4, "mafia", NULL}, {L_CRIME, 3, "criminal", NULL}, {L_CRIME, 3, "theft", NULL},
    {L_CRIME, 3, "marijuana", NULL}, {L_CRIME, 3, "methamphetamine", NULL},
    {L_CRIME, 3, "fuel theft", NULL}, {L_CRIME, 3, "illegal", NULL},
    {L_CRIME, 4, "counterfeit", NULL}, {L_CRIME, 4, "pornography", NULL},
    {L_CRIME, 4, "fake currency", NULL}, {L_CRIME, 4, "cyber crime", NULL},
    {L_CRIME, 4, "cybercrime", NULL},
    /* talk */
    {L_AGREEMENT, 5, "agreement", NULL}, {L_AGREEMENT, 4, "ceasefire", NULL},
    {L_AGREEMENT, 4, "cease-fire", NULL}, {L_AGREEMENT, 4, "truce", NULL},
    {L_AGREEMENT, 4, "accord", NULL}, {L_AGREEMENT, 4, "peace deal", NULL},
    {L_AGREEMENT, 3, "deal", NULL}, {L_AGREEMENT, 3, "agreed", NULL}, {L_AGREEMENT, 3, "sign", NULL},
    {L_AGREEMENT, 4, "prisoner exchange", NULL}, {L_AGREEMENT, 4, "prisoner swap", NULL},
    {L_AGREEMENT, 3, "peace treaty", NULL}, {L_AGREEMENT, 6, "surrendered to", NULL},
    {L_AGREEMENT, 6, "surrender to", NULL}, {L_AGREEMENT, 2, "release", "prisoner|detainee"},
    {L_DIPLO, 3, "talks", NULL}, {L_DIPLO, 3, "meet", NULL}, {L_DIPLO, 3, "meeting", NULL},
    {L_DIPLO, 3, "visit", NULL}, {L_DIPLO, 3, "summit", NULL}, {L_DIPLO, 3, "diplomatic", NULL},
    {L_DIPLO, 2, "envoy", NULL}, {L_DIPLO, 2, "ambassador", NULL},
    {L_DIPLO, 2, "foreign minister", NULL}, {L_DIPLO, 3, "negotiation", NULL},
    {L_DIPLO, 2, "discuss", NULL}, {L_DIPLO, 2, "bilateral", NULL}, {L_DIPLO, 2, "delegation", NULL},
    {L_DIPLO, 2, "sanction", NULL}, {L_DIPLO, 6, "new sanctions", NULL},
    {L_DIPLO, 6, "expel|expelled|expulsion", "diplomat|diplomats|ambassador|envoy"}, {L_DIPLO, 2, "condemn", NULL}, {L_DIPLO, 2, "embassy", NULL},
    {L_DIPLO, 2, "diplomat", NULL}, {L_DIPLO, 2, "president", "said|says|told|call"},
    {L_ATTRIB, 7, "claimed responsibility", NULL}, {L_ATTRIB, 7, "claim responsibility", NULL},
    {L_ATTRIB, 7, "claiming responsibility", NULL}, {L_ATTRIB, 5, "responsibility", NULL},
    {L_ATTRIB, 3, "blame", NULL}, {L_ATTRIB, 3, "accuse", NULL}, {L_ATTRIB, 3, "behind the", NULL},
    {L_ATTRIB, 3, "responsible for", NULL}, {L_ATTRIB, 3, "attribute", NULL},
    {L_ATTRIB, 7, "deny|denied|denies|reject|rejected|dismiss",
     "responsible|responsibility|accusation|accusations|involvement|blame|claim|report"},
};
enum { NCUES = sizeof cues / sizeof cues[0] };

#endif
