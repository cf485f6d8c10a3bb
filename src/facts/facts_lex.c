/*
 * facts_lex.c - the word table behind every facts pass.
 *
 * Words are listed by role, so one word may appear in several groups; the
 * table is sorted and merged once (pthread_once) and then only read, which
 * keeps sr_facts_analyze free of shared mutable state.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "facts_int.h"

#define W(w, c) {w, c, 0, -1}
#define V(w, c, v) {w, c, v, -1}
#define T(w, c, t) {w, c, 0, t}
#define K SR_FACTS_KILL
#define WO SR_FACTS_WOUND
#define AR SR_FACTS_ARREST
#define KI SR_FACTS_KIDNAP
#define DI SR_FACTS_DISPLACE
#define PR SR_FACTS_PROTEST
#define AF SR_FACTS_AFFECT

static const srf_word words[] = {
    /* cardinals */
    V("zero", L_NUMW, 0), V("one", L_NUMW, 1), V("two", L_NUMW, 2), V("three", L_NUMW, 3),
    V("four", L_NUMW, 4), V("five", L_NUMW, 5), V("six", L_NUMW, 6), V("seven", L_NUMW, 7),
    V("eight", L_NUMW, 8), V("nine", L_NUMW, 9), V("ten", L_NUMW, 10),
    V("eleven", L_NUMW, 11), V("twelve", L_NUMW, 12), V("thirteen", L_NUMW, 13),
    V("fourteen", L_NUMW, 14), V("fifteen", L_NUMW, 15), V("sixteen", L_NUMW, 16),
    V("seventeen", L_NUMW, 17), V("eighteen", L_NUMW, 18), V("nineteen", L_NUMW, 19),
    V("twenty", L_NUMW, 20), V("thirty", L_NUMW, 30), V("forty", L_NUMW, 40),
    V("fourty", L_NUMW, 40), V("fifty", L_NUMW, 50), V("sixty", L_NUMW, 60),
    V("seventy", L_NUMW, 70), V("eighty", L_NUMW, 80), V("ninety", L_NUMW, 90),
    V("hundred", L_SCALE, 100), V("thousand", L_SCALE, 1000),
    V("million", L_SCALE, 1000000), V("billion", L_SCALE, 1000000000),
    V("dozen", L_SCALE, 12), V("mln", L_SCALE, 1000000), V("bln", L_SCALE, 1000000000),
    /* vague quantities; val is the low end of the conventional range */
    V("dozens", L_VAGUE, 24), V("scores", L_VAGUE, 40), V("hundreds", L_VAGUE, 200),
    V("thousands", L_VAGUE, 2000), V("millions", L_VAGUE, 2000000), V("several", L_VAGUE, 3),
    V("tens", L_VAGUE, 20), V("few", L_VAGUE, 2), V("handful", L_VAGUE, 2),
    V("couple", L_VAGUE, 2),
    /* months and weekdays */
    V("january", L_MONTH, 1), V("jan.", L_MONTH, 1), V("jan", L_MONTH, 1),
    V("february", L_MONTH, 2), V("feb.", L_MONTH, 2), V("feb", L_MONTH, 2),
    V("march", L_MONTH, 3), V("mar.", L_MONTH, 3), V("april", L_MONTH, 4),
    V("apr.", L_MONTH, 4), V("apr", L_MONTH, 4), V("may", L_MONTH, 5), V("june", L_MONTH, 6),
    V("jun.", L_MONTH, 6), V("jun", L_MONTH, 6), V("jul", L_MONTH, 7), V("sep", L_MONTH, 9),
    V("july", L_MONTH, 7), V("jul.", L_MONTH, 7), V("august", L_MONTH, 8),
    V("aug.", L_MONTH, 8), V("aug", L_MONTH, 8), V("september", L_MONTH, 9),
    V("sept.", L_MONTH, 9), V("sep.", L_MONTH, 9), V("sept", L_MONTH, 9),
    V("october", L_MONTH, 10), V("oct.", L_MONTH, 10), V("oct", L_MONTH, 10),
    V("november", L_MONTH, 11), V("nov.", L_MONTH, 11), V("nov", L_MONTH, 11),
    V("december", L_MONTH, 12), V("dec.", L_MONTH, 12), V("dec", L_MONTH, 12),
    V("monday", L_WDAY, 0), V("tuesday", L_WDAY, 1), V("wednesday", L_WDAY, 2),
    V("thursday", L_WDAY, 3), V("friday", L_WDAY, 4), V("saturday", L_WDAY, 5),
    V("sunday", L_WDAY, 6),
    W("yesterday", L_TIMEW), W("today", L_TIMEW), W("tonight", L_TIMEW),
    W("tomorrow", L_TIMEW), W("morning", L_TIMEW), W("night", L_TIMEW),
    W("evening", L_TIMEW), W("afternoon", L_TIMEW), W("overnight", L_TIMEW),
    W("weekend", L_TIMEW), W("ago", L_TIMEW), W("earlier", L_TIMEW | L_ADV),
    W("later", L_TIMEW | L_ADV), W("dawn", L_TIMEW), W("midnight", L_TIMEW),
    W("noon", L_TIMEW), W("week", L_TIMEW), W("month", L_TIMEW), W("year", L_TIMEW),
    /* one-word qualifiers before a number */
    V("over", L_QPRE | L_PREP, SR_FACTS_AT_LEAST), V("nearly", L_QPRE, SR_FACTS_APPROXIMATE),
    V("almost", L_QPRE, SR_FACTS_APPROXIMATE), V("about", L_QPRE | L_PREP, SR_FACTS_APPROXIMATE),
    V("around", L_QPRE | L_PREP, SR_FACTS_APPROXIMATE),
    V("approximately", L_QPRE, SR_FACTS_APPROXIMATE), V("roughly", L_QPRE, SR_FACTS_APPROXIMATE),
    V("some", L_QPRE, SR_FACTS_APPROXIMATE), V("estimated", L_QPRE, SR_FACTS_APPROXIMATE),
    V("approx.", L_QPRE, SR_FACTS_APPROXIMATE), V("circa", L_QPRE, SR_FACTS_APPROXIMATE),
    V("under", L_QPRE | L_PREP, SR_FACTS_AT_MOST),
    V("upwards", L_QPRE, SR_FACTS_AT_LEAST), V("maximum", L_QPRE, SR_FACTS_AT_MOST),
    V("minimum", L_QPRE, SR_FACTS_AT_LEAST),

    /* people, plural */
    W("people", L_PPL), W("persons", L_PPL), W("civilians", L_PPL), W("children", L_PPL),
    W("kids", L_PPL), W("soldiers", L_PPL), W("troops", L_PPL), W("rebels", L_PPL),
    W("fighters", L_PPL), W("militants", L_PPL), W("insurgents", L_PPL),
    W("protesters", L_PPL), W("protestors", L_PPL), W("demonstrators", L_PPL),
    W("journalists", L_PPL), W("reporters", L_PPL), W("photographers", L_PPL),
    W("policemen", L_PPL), W("police", L_PPL), W("officers", L_PPL), W("guards", L_PPL),
    W("workers", L_PPL), W("students", L_PPL), W("women", L_PPL), W("men", L_PPL),
    W("prisoners", L_PPL), W("detainees", L_PPL), W("inmates", L_PPL), W("pilgrims", L_PPL),
    W("worshippers", L_PPL), W("worshipers", L_PPL), W("villagers", L_PPL),
    W("residents", L_PPL), W("refugees", L_PPL), W("migrants", L_PPL),
    W("passengers", L_PPL), W("tourists", L_PPL), W("hostages", L_PPL), W("members", L_PPL),
    W("activists", L_PPL), W("gunmen", L_PPL), W("militiamen", L_PPL), W("militia", L_PPL),
    W("peacekeepers", L_PPL), W("servicemen", L_PPL), W("personnel", L_PPL),
    W("recruits", L_PPL), W("officials", L_PPL), W("cops", L_PPL), W("individuals", L_PPL),
    W("victims", L_PPL), W("youths", L_PPL), W("teenagers", L_PPL), W("boys", L_PPL),
    W("girls", L_PPL), W("babies", L_PPL), W("infants", L_PPL), W("farmers", L_PPL),
    W("fishermen", L_PPL), W("miners", L_PPL), W("employees", L_PPL), W("staff", L_PPL),
    W("doctors", L_PPL), W("nurses", L_PPL), W("volunteers", L_PPL), W("bystanders", L_PPL),
    W("pedestrians", L_PPL), W("shoppers", L_PPL), W("marines", L_PPL), W("sailors", L_PPL),
    W("airmen", L_PPL), W("commandos", L_PPL), W("jihadists", L_PPL), W("extremists", L_PPL),
    W("terrorists", L_PPL), W("suspects", L_PPL), W("attackers", L_PPL), W("bombers", L_PPL),
    W("assailants", L_PPL), W("combatants", L_PPL), W("guerrillas", L_PPL),
    W("guerillas", L_PPL), W("loyalists", L_PPL), W("dissidents", L_PPL),
    W("opponents", L_PPL), W("supporters", L_PPL), W("marchers", L_PPL),
    W("strikers", L_PPL), W("mourners", L_PPL), W("relatives", L_PPL), W("crew", L_PPL),
    W("guests", L_PPL), W("attendees", L_PPL), W("congregants", L_PPL), W("customers", L_PPL),
    W("diners", L_PPL), W("commuters", L_PPL), W("traders", L_PPL), W("vendors", L_PPL),
    W("shopkeepers", L_PPL), W("labourers", L_PPL), W("laborers", L_PPL),
    W("partygoers", L_PPL), W("revellers", L_PPL), W("revelers", L_PPL), W("medics", L_PPL),
    W("paramedics", L_PPL), W("rescuers", L_PPL), W("academics", L_PPL),
    W("crewmen", L_PPL), W("nationals", L_PPL), W("citizens", L_PPL),
    W("foreigners", L_PPL), W("settlers", L_PPL), W("patients", L_PPL), W("taliban", L_PPL),
    W("contractors", L_PPL), W("engineers", L_PPL), W("teachers", L_PPL), W("pupils", L_PPL),
    W("schoolchildren", L_PPL), W("schoolgirls", L_PPL), W("schoolboys", L_PPL),
    W("clerics", L_PPL), W("priests", L_PPL), W("monks", L_PPL), W("lawyers", L_PPL),
    W("judges", L_PPL), W("politicians", L_PPL), W("lawmakers", L_PPL),
    W("legislators", L_PPL), W("diplomats", L_PPL), W("leaders", L_PPL),
    W("commanders", L_PPL), W("gendarmes", L_PPL), W("paramilitaries", L_PPL),
    W("separatists", L_PPL), W("islamists", L_PPL), W("adults", L_PPL), W("families", L_PPL),
    W("inhabitants", L_PPL), W("locals", L_PPL), W("drivers", L_PPL), W("motorists", L_PPL),
    W("smugglers", L_PPL), W("pirates", L_PPL), W("bandits", L_PPL), W("criminals", L_PPL),
    W("herders", L_PPL), W("herdsmen", L_PPL), W("tribesmen", L_PPL), W("spectators", L_PPL),
    W("fans", L_PPL), W("voters", L_PPL), W("conscripts", L_PPL), W("bodyguards", L_PPL),
    W("policewomen", L_PPL), W("mujahideen", L_PPL), W("shabaab", L_PPL),
    W("evacuees", L_PPL), W("detainees", L_PPL), W("captives", L_PPL), W("sunnis", L_PPL),
    W("shiites", L_PPL), W("christians", L_PPL), W("muslims", L_PPL), W("kurds", L_PPL),
    W("operatives", L_PPL), W("jihadis", L_PPL), W("mercenaries", L_PPL),
    W("defectors", L_PPL), W("snipers", L_PPL), W("truckers", L_PPL), W("cadets", L_PPL),
    W("toddlers", L_PPL), W("elders", L_PPL), W("shepherds", L_PPL), W("abductees", L_PPL),
    W("returnees", L_PPL), W("townspeople", L_PPL), W("expatriates", L_PPL),
    W("visitors", L_PPL), W("cameramen", L_PPL), W("bloggers", L_PPL),
    W("followers", L_PPL), W("emirs", L_PPL), W("imams", L_PPL), W("sheikhs", L_PPL),
    W("chiefs", L_PPL),
    W("firefighters", L_PPL), W("firemen", L_PPL), W("nomads", L_PPL), W("staffers", L_PPL),
    W("surgeons", L_PPL), W("physicians", L_PPL), W("rangers", L_PPL), W("nuns", L_PPL),
    W("pastors", L_PPL), W("players", L_PPL), W("athletes", L_PPL), W("footballers", L_PPL),
    W("newborns", L_PPL), W("minors", L_PPL), W("juveniles", L_PPL), W("teens", L_PPL),
    W("adolescents", L_PPL), W("pensioners", L_PPL), W("retirees", L_PPL),
    W("veterans", L_PPL), W("campaigners", L_PPL), W("rioters", L_PPL), W("looters", L_PPL),
    W("robbers", L_PPL), W("thieves", L_PPL), W("kidnappers", L_PPL), W("hijackers", L_PPL),
    W("traffickers", L_PPL), W("poachers", L_PPL), W("vigilantes", L_PPL),
    W("clansmen", L_PPL), W("wardens", L_PPL),
    W("firefighter", L_PSG), W("fireman", L_PSG), W("nomad", L_PSG), W("staffer", L_PSG),
    W("surgeon", L_PSG), W("physician", L_PSG), W("ranger", L_PSG), W("pastor", L_PSG),
    W("player", L_PSG), W("athlete", L_PSG), W("footballer", L_PSG), W("newborn", L_PSG),
    W("retiree", L_PSG), W("veteran", L_PSG), W("campaigner", L_PSG), W("rioter", L_PSG),
    W("looter", L_PSG), W("robber", L_PSG), W("thief", L_PSG), W("kidnapper", L_PSG),
    W("hijacker", L_PSG), W("trafficker", L_PSG), W("poacher", L_PSG),
    W("vigilante", L_PSG), W("clansman", L_PSG), W("adolescent", L_PSG), W("warden", L_PSG),
    /* kin, as tolls name them: "a man and his three sons were killed" */
    W("sons", L_PPL), W("daughters", L_PPL), W("brothers", L_PPL), W("sisters", L_PPL),
    W("wives", L_PPL), W("husbands", L_PPL), W("fathers", L_PPL), W("mothers", L_PPL),
    W("parents", L_PPL), W("siblings", L_PPL), W("cousins", L_PPL), W("nephews", L_PPL),
    W("nieces", L_PPL), W("uncles", L_PPL), W("aunts", L_PPL), W("grandchildren", L_PPL),
    W("grandsons", L_PPL), W("granddaughters", L_PPL), W("grandparents", L_PPL),
    W("grandson", L_PSG), W("granddaughter", L_PSG), W("grandchild", L_PSG),
    W("grandfather", L_PSG), W("grandmother", L_PSG), W("aunt", L_PSG),
    /* people, singular */
    W("person", L_PSG), W("operative", L_PSG), W("mercenary", L_PSG), W("sniper", L_PSG),
    W("blogger", L_PSG), W("shepherd", L_PSG), W("cadet", L_PSG), W("toddler", L_PSG),
    W("emir", L_PSG), W("sheikh", L_PSG), W("bishop", L_PSG), W("civilian", L_PSG), W("child", L_PSG), W("kid", L_PSG),
    W("soldier", L_PSG), W("trooper", L_PSG), W("rebel", L_PSG), W("fighter", L_PSG),
    W("militant", L_PSG), W("insurgent", L_PSG), W("protester", L_PSG),
    W("protestor", L_PSG), W("demonstrator", L_PSG), W("journalist", L_PSG),
    W("reporter", L_PSG), W("photographer", L_PSG), W("cameraman", L_PSG),
    W("correspondent", L_PSG), W("policeman", L_PSG), W("policewoman", L_PSG),
    W("officer", L_PSG), W("guard", L_PSG), W("worker", L_PSG), W("student", L_PSG),
    W("woman", L_PSG), W("man", L_PSG), W("prisoner", L_PSG), W("detainee", L_PSG),
    W("inmate", L_PSG), W("pilgrim", L_PSG), W("worshipper", L_PSG), W("villager", L_PSG),
    W("resident", L_PSG), W("refugee", L_PSG), W("migrant", L_PSG), W("passenger", L_PSG),
    W("tourist", L_PSG), W("hostage", L_PSG), W("member", L_PSG), W("activist", L_PSG),
    W("gunman", L_PSG), W("militiaman", L_PSG), W("peacekeeper", L_PSG),
    W("serviceman", L_PSG), W("official", L_PSG), W("individual", L_PSG), W("victim", L_PSG),
    W("youth", L_PSG), W("teenager", L_PSG), W("teen", L_PSG), W("boy", L_PSG),
    W("girl", L_PSG), W("baby", L_PSG), W("infant", L_PSG), W("toddler", L_PSG),
    W("farmer", L_PSG), W("fisherman", L_PSG), W("miner", L_PSG), W("employee", L_PSG),
    W("doctor", L_PSG), W("nurse", L_PSG), W("volunteer", L_PSG), W("bystander", L_PSG),
    W("pedestrian", L_PSG), W("marine", L_PSG), W("sailor", L_PSG), W("airman", L_PSG),
    W("commando", L_PSG), W("jihadist", L_PSG), W("extremist", L_PSG), W("terrorist", L_PSG),
    W("suspect", L_PSG), W("attacker", L_PSG), W("bomber", L_PSG), W("assailant", L_PSG),
    W("combatant", L_PSG), W("guerrilla", L_PSG), W("loyalist", L_PSG),
    W("dissident", L_PSG), W("opponent", L_PSG), W("supporter", L_PSG), W("mourner", L_PSG),
    W("relative", L_PSG), W("crewman", L_PSG), W("citizen", L_PSG), W("foreigner", L_PSG),
    W("settler", L_PSG), W("patient", L_PSG), W("contractor", L_PSG), W("engineer", L_PSG),
    W("teacher", L_PSG), W("pupil", L_PSG), W("schoolgirl", L_PSG), W("schoolboy", L_PSG),
    W("cleric", L_PSG), W("imam", L_PSG), W("priest", L_PSG), W("monk", L_PSG),
    W("nun", L_PSG), W("lawyer", L_PSG), W("judge", L_PSG), W("politician", L_PSG),
    W("lawmaker", L_PSG), W("legislator", L_PSG), W("minister", L_PSG),
    W("diplomat", L_PSG), W("leader", L_PSG), W("commander", L_PSG), W("colonel", L_PSG),
    W("captain", L_PSG), W("lieutenant", L_PSG), W("sergeant", L_PSG), W("mayor", L_PSG),
    W("governor", L_PSG), W("chief", L_PSG), W("spokesman", L_PSG),
    W("spokeswoman", L_PSG), W("blogger", L_PSG), W("driver", L_PSG), W("motorist", L_PSG),
    W("smuggler", L_PSG), W("pirate", L_PSG), W("bandit", L_PSG), W("herder", L_PSG),
    W("tribesman", L_PSG), W("father", L_PSG), W("mother", L_PSG), W("son", L_PSG),
    W("daughter", L_PSG), W("brother", L_PSG), W("sister", L_PSG), W("husband", L_PSG),
    W("wife", L_PSG), W("uncle", L_PSG), W("cousin", L_PSG), W("nephew", L_PSG),
    W("niece", L_PSG), W("adult", L_PSG), W("pensioner", L_PSG), W("businessman", L_PSG),
    W("cop", L_PSG), W("gendarme", L_PSG), W("separatist", L_PSG), W("islamist", L_PSG),
    W("conscript", L_PSG), W("recruit", L_PSG), W("bodyguard", L_PSG), W("pilot", L_PSG),
    W("aide", L_PSG), W("envoy", L_PSG), W("student", L_PSG), W("evacuee", L_PSG),
    W("captive", L_PSG), W("pilots", L_PPL), W("aides", L_PPL), W("ministers", L_PPL),
    W("others", L_OTHERS), W("more", L_OTHERS),

    /* KILL */
    T("killed", L_TPASS, K), T("kill", L_TACT, K), T("kills", L_TACT, K),
    T("killing", L_TACT | L_TNOUN, K), T("killings", L_TNOUN, K), T("slain", L_TPASS, K),
    T("slew", L_TACT, K), T("murdered", L_TPASS, K), T("murdering", L_TACT, K),
    T("massacred", L_TPASS, K), T("massacring", L_TACT, K), T("executed", L_TPASS, K),
    T("executing", L_TACT, K), T("assassinated", L_TPASS, K), T("beheaded", L_TPASS, K),
    T("lynched", L_TPASS, K), T("died", L_TINTR, K), T("die", L_TINTR, K),
    T("dies", L_TINTR, K), T("perished", L_TINTR, K), T("drowned", L_TINTR | L_TPASS, K),
    T("dead", L_TINTR | L_TNOUN | L_TADJ, K), T("deaths", L_TNOUN, K),
    T("fatalities", L_TNOUN, K), T("bodies", L_TNOUN, K), T("corpses", L_TNOUN, K),
    T("death", L_TNOUN, K), T("gunned", L_TPASS, K), T("shot", L_TPASS, K),
    T("electrocuted", L_TPASS, K), T("crushed", L_TPASS | L_TNEEDP, K),
    /* WOUND */
    T("wounded", L_TPASS | L_TINTR | L_TNOUN | L_TADJ, WO), T("wounding", L_TACT, WO),
    T("wound", L_TACT, WO), T("injured", L_TPASS | L_TINTR | L_TNOUN | L_TADJ, WO),
    T("injuring", L_TACT, WO), T("injure", L_TACT, WO), T("injures", L_TACT, WO),
    T("injuries", L_TNOUN, WO), T("hurt", L_TPASS | L_TINTR | L_TADJ, WO),
    T("maimed", L_TPASS, WO), T("wounds", L_TACT, WO),
    /* ARREST */
    T("arrested", L_TPASS, AR), T("arresting", L_TACT, AR), T("arrest", L_TACT | L_TNOUN, AR),
    T("arrests", L_TACT | L_TNOUN, AR), T("detained", L_TPASS, AR),
    T("detaining", L_TACT, AR), T("detain", L_TACT, AR), T("detains", L_TACT, AR),
    T("detentions", L_TNOUN, AR), T("jailed", L_TPASS, AR), T("imprisoned", L_TPASS, AR),
    T("apprehended", L_TPASS, AR), T("rounded", L_TPASS, AR), T("nabbed", L_TPASS, AR),
    T("detention", L_TNOUN, AR),
    /* KIDNAP */
    T("kidnapped", L_TPASS, KI), T("kidnaped", L_TPASS, KI), T("kidnapping", L_TACT | L_TNOUN, KI),
    T("kidnap", L_TACT, KI), T("kidnaps", L_TACT, KI), T("abducted", L_TPASS, KI),
    T("abducting", L_TACT, KI), T("abduct", L_TACT, KI), T("abduction", L_TNOUN, KI),
    T("seized", L_TPASS | L_TNEEDP, KI), T("captured", L_TPASS | L_TNEEDP, KI),
    T("seizing", L_TACT | L_TNEEDP, KI), T("capturing", L_TACT | L_TNEEDP, KI),
    /* DISPLACE */
    T("displaced", L_TPASS | L_TINTR | L_TNOUN | L_TADJ, DI), T("displacing", L_TACT, DI),
    T("displace", L_TACT, DI), T("fled", L_TINTR, DI), T("flee", L_TINTR, DI),
    T("fleeing", L_TINTR, DI), T("flees", L_TINTR, DI), T("evacuated", L_TPASS, DI),
    T("evacuating", L_TACT, DI), T("evacuate", L_TACT, DI),
    T("homeless", L_TINTR | L_TADJ | L_TNOUN, DI), T("uprooted", L_TPASS, DI),
    T("refugees", L_TNOUN, DI), T("evacuees", L_TNOUN, DI), T("hostages", L_TNOUN, KI),
    /* PROTEST */
    T("protesters", L_TNOUN, PR), T("protestors", L_TNOUN, PR),
    T("demonstrators", L_TNOUN, PR), T("marchers", L_TNOUN, PR), T("strikers", L_TNOUN, PR),
    T("protested", L_PVERB, PR), T("demonstrated", L_PVERB, PR), T("marched", L_PVERB, PR),
    T("rallied", L_PVERB, PR), T("massed", L_PVERB, PR), T("thronged", L_PVERB, PR),
    T("chanted", L_PVERB, PR), T("picketed", L_PVERB, PR), T("gathered", L_PVERB, PR),
    T("protesting", L_PVERB, PR), T("demonstrating", L_PVERB, PR),
    T("marching", L_PVERB, PR), T("rallying", L_PVERB, PR), T("converged", L_PVERB, PR),
    T("protest", L_PVERB | L_PNOUN, PR), T("march", L_PVERB | L_PNOUN, PR),
    T("rally", L_PVERB | L_PNOUN, PR), T("demonstrate", L_PVERB, PR),
    T("staged", L_PWEAK, PR), T("held", L_PWEAK, PR), T("took", L_PWEAK, PR),
    T("joined", L_PWEAK, PR), T("went", L_PWEAK, PR), T("stopped", L_PWEAK, PR),
    T("turned", L_PWEAK, PR), T("walked", L_PWEAK, PR), T("participated", L_PWEAK, PR),
    T("attended", L_PWEAK, PR), T("staging", L_PWEAK, PR), T("holding", L_PWEAK, PR),
    T("taking", L_PWEAK, PR), T("joining", L_PWEAK, PR),
    W("protests", L_PNOUN), W("demonstration", L_PNOUN), W("demonstrations", L_PNOUN),
    W("rallies", L_PNOUN), W("marches", L_PNOUN), W("strike", L_PNOUN),
    W("strikes", L_PNOUN), W("sit-in", L_PNOUN), W("sit-ins", L_PNOUN), W("vigil", L_PNOUN),
    W("streets", L_PNOUN), W("street", L_PNOUN), W("work", L_PNOUN), W("walkout", L_PNOUN),
    W("boycott", L_PNOUN), W("crowd", L_CROWD), W("crowds", L_CROWD),
    W("gathering", L_CROWD), W("throng", L_CROWD),
    /* AFFECT */
    T("affected", L_TPASS | L_TINTR, AF), T("stranded", L_TPASS | L_TINTR | L_TADJ, AF),
    T("trapped", L_TPASS | L_TINTR | L_TADJ, AF), T("missing", L_TINTR | L_TADJ, AF),
    T("casualties", L_TNOUN, AF),
    W("toll", L_TOLL), W("tolls", L_TOLL),

    /* function words */
    W("was", L_AUX), W("were", L_AUX), W("is", L_AUX), W("are", L_AUX), W("be", L_AUX),
    W("been", L_AUX | L_PARTCP), W("being", L_AUX), W("have", L_AUX), W("has", L_AUX),
    W("had", L_AUX), W("get", L_AUX), W("got", L_AUX), W("reportedly", L_AUX | L_ADV),
    W("also", L_AUX | L_ADV), W("all", L_AUX), W("allegedly", L_AUX | L_ADV),
    W("apparently", L_AUX | L_ADV), W("initially", L_AUX | L_ADV),
    W("subsequently", L_AUX | L_ADV), W("eventually", L_AUX | L_ADV),
    W("already", L_AUX | L_ADV), W("now", L_AUX | L_ADV), W("both", L_AUX),
    W("still", L_AUX | L_ADV), W("just", L_AUX | L_ADV), W("reported", L_AUX),
    W("confirmed", L_AUX), W("believed", L_AUX), W("feared", L_AUX), W("thought", L_AUX),
    W("presumed", L_AUX), W("known", L_AUX), W("said", L_AUX), W("to", L_AUX | L_PREP),
    W("either", L_AUX), W("mostly", L_AUX | L_ADV), W("mainly", L_AUX | L_ADV),
    W("seriously", L_AUX | L_ADV), W("critically", L_AUX | L_ADV),
    W("badly", L_AUX | L_ADV), W("fatally", L_AUX | L_ADV), W("slightly", L_AUX | L_ADV),
    W("lightly", L_AUX | L_ADV), W("severely", L_AUX | L_ADV), W("remain", L_AUX),
    W("remained", L_AUX), W("remains", L_AUX), W("left", L_AUX), W("each", L_AUX),
    W("not", L_AUX | L_NEG), W("never", L_AUX | L_NEG), W("reported", L_AUX),
    W("listed", L_AUX), W("officially", L_AUX | L_ADV), W("summarily", L_AUX | L_ADV),
    W("brutally", L_AUX | L_ADV), W("again", L_AUX | L_ADV),
    W("previously", L_AUX | L_ADV | L_PASTCUE),
    W("formerly", L_ADV | L_PASTCUE),
    W("a", L_DET), W("an", L_DET), W("the", L_DET), W("this", L_DET), W("that", L_DET | L_SUBORD),
    W("these", L_DET), W("those", L_DET), W("his", L_DET), W("her", L_DET | L_PRON),
    W("their", L_DET), W("its", L_DET), W("our", L_DET), W("my", L_DET), W("another", L_DET),
    W("in", L_PREP), W("on", L_PREP), W("at", L_PREP), W("from", L_PREP), W("near", L_PREP),
    W("outside", L_PREP), W("inside", L_PREP), W("across", L_PREP),
    W("throughout", L_PREP), W("during", L_PREP), W("by", L_PREP), W("with", L_PREP),
    W("of", L_PREP), W("for", L_PREP), W("into", L_PREP), W("against", L_PREP),
    W("between", L_PREP), W("among", L_PREP | L_CPHRASE), W("amongst", L_PREP), W("through", L_PREP),
    W("toward", L_PREP), W("towards", L_PREP), W("within", L_PREP), W("without", L_PREP | L_NEG),
    W("along", L_PREP), W("behind", L_PREP), W("via", L_PREP), W("amid", L_PREP),
    W("amidst", L_PREP), W("despite", L_PREP), W("including", L_PREP), W("upon", L_PREP),
    W("onto", L_PREP), W("beyond", L_PREP), W("per", L_PREP),
    W("and", L_CONJ), W("or", L_CONJ), W("but", L_CONJ), W("nor", L_CONJ | L_NEG),
    W("he", L_PRON), W("she", L_PRON), W("it", L_PRON), W("they", L_PRON), W("we", L_PRON),
    W("i", L_PRON), W("you", L_PRON), W("him", L_PRON), W("them", L_PRON), W("us", L_PRON),
    W("himself", L_PRON), W("themselves", L_PRON), W("itself", L_PRON),
    W("after", L_SUBORD | L_PREP | L_MODAUX), W("before", L_SUBORD | L_PREP), W("when", L_SUBORD),
    W("because", L_SUBORD), W("as", L_SUBORD), W("since", L_SUBORD | L_PREP | L_CUMUL),
    W("until", L_SUBORD | L_PREP), W("while", L_SUBORD), W("whereas", L_SUBORD),
    W("although", L_SUBORD), W("though", L_SUBORD), W("where", L_SUBORD),
    W("who", L_SUBORD | L_PRON), W("which", L_SUBORD), W("whom", L_SUBORD),
    W("whose", L_SUBORD), W("once", L_SUBORD), W("if", L_SUBORD | L_HYPO),
    W("unless", L_SUBORD | L_HYPO), W("whether", L_SUBORD | L_HYPO), W("than", L_STOPNP),
    W("so", L_STOPNP), W("there", L_STOPNP), W("here", L_STOPNP), W("then", L_STOPNP),
    W("what", L_STOPNP), W("how", L_STOPNP), W("why", L_STOPNP), W("many", L_STOPNP),
    W("most", L_STOPNP), W("such", L_STOPNP), W("other", L_STOPNP), W("only", L_STOPNP),
    W("including", L_STOPNP), W("however", L_STOPNP), W("did", L_AUX), W("do", L_AUX),
    W("does", L_AUX), W("will", L_PLAN), W("shall", L_PLAN),

    /* reporting */
    W("said", L_REPORT), W("says", L_REPORT), W("say", L_REPORT), W("told", L_REPORT),
    W("tells", L_REPORT), W("announced", L_REPORT), W("announces", L_REPORT),
    W("reported", L_REPORT), W("reports", L_REPORT | L_RAMBIG | L_CLAIMN),
    W("claimed", L_REPORT), W("claims", L_REPORT | L_RAMBIG | L_CLAIMN),
    W("stated", L_REPORT), W("added", L_REPORT), W("adds", L_REPORT), W("noted", L_REPORT),
    W("confirmed", L_REPORT), W("confirms", L_REPORT), W("denied", L_REPORT | L_DENY),
    W("denies", L_REPORT | L_DENY), W("deny", L_DENY), W("denying", L_DENY),
    W("alleged", L_REPORT), W("alleges", L_REPORT), W("insisted", L_REPORT),
    W("insists", L_REPORT), W("warned", L_REPORT | L_THREAT), W("warns", L_REPORT | L_THREAT),
    W("explained", L_REPORT), W("declared", L_REPORT), W("acknowledged", L_REPORT),
    W("admitted", L_REPORT), W("admits", L_REPORT), W("estimated", L_REPORT),
    W("quoted", L_REPORT), W("cited", L_REPORT), W("wrote", L_REPORT), W("tweeted", L_REPORT),
    W("found", L_REPORT), W("finds", L_REPORT), W("find", L_REPORT), W("concluded", L_REPORT),
    W("concludes", L_REPORT), W("discovered", L_REPORT), W("according", L_REPORT), W("aired", L_MEDIAV), W("airs", L_MEDIAV),
    W("broadcast", L_MEDIAV), W("broadcasts", L_MEDIAV), W("showed", L_MEDIAV),
    W("shows", L_MEDIAV | L_RAMBIG), W("published", L_MEDIAV), W("carried", L_MEDIAV),
    W("television", L_MEDIA), W("tv", L_MEDIA), W("radio", L_MEDIA), W("agency", L_MEDIA),
    W("channel", L_MEDIA), W("newspaper", L_MEDIA), W("daily", L_MEDIA), W("media", L_MEDIA),
    W("website", L_MEDIA), W("broadcaster", L_MEDIA), W("news", L_MEDIA),
    W("station", L_MEDIA), W("outlet", L_MEDIA), W("al-jazeera", L_MEDIA),
    W("allegations", L_CLAIMN), W("accusations", L_CLAIMN), W("suggestions", L_CLAIMN),
    W("charges", L_CLAIMN), W("report", L_CLAIMN), W("claim", L_CLAIMN),
    W("rejected", L_REFUTE), W("rejects", L_REFUTE), W("dismissed", L_REFUTE),
    W("dismisses", L_REFUTE), W("refuted", L_DENY), W("refutes", L_DENY),
    W("denial", L_DENY),

    /* modality */
    W("no", L_NEG), W("nobody", L_NEG | L_NEGPRON), W("none", L_NEG | L_NEGPRON),
    W("no-one", L_NEG | L_NEGPRON), W("neither", L_NEG), W("cannot", L_NEG),
    W("threaten", L_THREAT), W("threatens", L_THREAT), W("threatened", L_THREAT),
    W("threatening", L_THREAT), W("vowed", L_THREAT), W("vows", L_THREAT), W("vow", L_THREAT),
    W("vowing", L_THREAT), W("ultimatum", L_THREAT), W("warning", L_THREAT),
    W("plans", L_PLANTO), W("planned", L_PLANTO), W("plan", L_PLANTO), W("planning", L_PLANTO),
    W("intends", L_PLANTO), W("intended", L_PLANTO), W("intend", L_PLANTO),
    W("aims", L_PLANTO), W("aimed", L_PLANTO), W("expected", L_PLANTO),
    W("scheduled", L_PLANTO), W("set", L_PLANTO), W("due", L_PLANTO), W("going", L_PLANTO),
    W("pledged", L_PLANTO), W("promised", L_PLANTO), W("agreed", L_PLANTO),
    W("decided", L_PLANTO), W("offered", L_PLANTO), W("prepared", L_PLANTO),
    W("preparing", L_PLANTO), W("ready", L_PLANTO), W("poised", L_PLANTO),
    W("plotting", L_PLANTO), W("plotted", L_PLANTO), W("plots", L_PLANTO),
    W("willing", L_PLANTO), W("committed", L_PLANTO), W("determined", L_PLANTO | L_REPORT),
    W("hopes", L_PLANTO), W("hoped", L_PLANTO), W("wants", L_PLANTO), W("sought", L_PLANTO),
    W("seeks", L_PLANTO), W("proposed", L_PLANTO), W("attempted", L_PLANTO),
    W("want", L_PLANTO), W("wanted", L_PLANTO), W("wanting", L_PLANTO), W("hope", L_PLANTO),
    W("hoping", L_PLANTO), W("wish", L_PLANTO), W("wishes", L_PLANTO), W("wished", L_PLANTO),
    W("seek", L_PLANTO), W("seeking", L_PLANTO), W("aim", L_PLANTO), W("aiming", L_PLANTO),
    W("expect", L_PLANTO), W("expects", L_PLANTO), W("expecting", L_PLANTO),
    W("intending", L_PLANTO),
    W("tried", L_PLANTO), W("failed", L_NEG), W("refused", L_NEG),
    /* (only before "to", as "failed": "unable to confirm", "difficult to verify") */
    W("unable", L_NEG), W("impossible", L_NEG), W("difficult", L_NEG),
    /* negations whose apostrophe scraped or re-typed news lost ("werent
     * authorized", "didnt attack") */
    W("didnt", L_NEG), W("doesnt", L_NEG), W("dont", L_NEG), W("wasnt", L_NEG),
    W("werent", L_NEG), W("isnt", L_NEG), W("arent", L_NEG), W("hasnt", L_NEG),
    W("havent", L_NEG), W("hadnt", L_NEG), W("couldnt", L_NEG), W("wouldnt", L_NEG),
    W("shouldnt", L_NEG), W("wont", L_NEG), W("cant", L_NEG),
    /* an oath to act is a vow ("have sworn to fight"); only before "to", so
     * "was sworn in as president" is none */
    W("swore", L_PLANTO), W("sworn", L_PLANTO), W("swear", L_PLANTO), W("swears", L_PLANTO),
    W("swearing", L_PLANTO),
    W("could", L_HYPO), W("would", L_HYPO), W("might", L_HYPO), W("should", L_HYPO), W("must", L_HYPO),
    W("possibly", L_HYPO), W("perhaps", L_HYPO), W("maybe", L_HYPO), W("possible", L_HYPO),
    W("potential", L_HYPO), W("potentially", L_HYPO),

    /* starters the passes test before comparing words */
    W("at", L_QSTART), W("more", L_QSTART), W("fewer", L_QSTART), W("less", L_QSTART),
    W("no", L_QSTART), W("not", L_QSTART), W("up", L_QSTART), W("as", L_QSTART),
    W("upwards", L_QSTART), W("in", L_QSTART), W("a", L_QSTART), W("an", L_QSTART),
    W("close", L_QSTART), W("just", L_QSTART), W("well", L_QSTART), W("between", L_QSTART),
    W("half", L_QSTART),
    W("last", L_DSTART), W("this", L_DSTART), W("next", L_DSTART), W("past", L_DSTART),
    W("previous", L_DSTART), W("coming", L_DSTART), W("a", L_DSTART), W("an", L_DSTART),
    W("yet", L_MODW | L_NEG), W("used", L_MODW | L_MODAUX), W("however", L_MODW), W("but", L_MODW),
    W("and", L_MODW), W("or", L_MODW), W("is", L_MODW | L_MODAUX),
    W("are", L_MODW | L_MODAUX), W("was", L_MODW | L_MODAUX), W("were", L_MODW | L_MODAUX),
    W("had", L_MODW | L_MODAUX), W("may", L_MODW | L_MODAUX), W("whereas", L_MODW),
    /* what is feared or risked has not happened: "for fear of aerial
     * bombardment", "fearing reprisals", "the risk of an attack" (before
     * "of", or "fearing": srf_modality) */
    W("fear", L_MODAUX), W("fears", L_MODAUX), W("fearing", L_MODAUX), W("risk", L_MODAUX),
    W("danger", L_MODAUX), W("prospect", L_MODAUX), W("possibility", L_MODAUX),
    /* and what is called for: "called for nationwide protests" */
    W("called", L_MODAUX), W("calls", L_MODAUX), W("call", L_MODAUX), W("calling", L_MODAUX),
    W("appealed", L_MODAUX), W("appeals", L_MODAUX),
    /* and what one is urged to do: "urged officials to provide more help" */
    W("urged", L_MODAUX), W("urge", L_MODAUX), W("urges", L_MODAUX), W("urging", L_MODAUX),
    W("encouraged", L_MODAUX), W("begged", L_MODAUX),
    W("implored", L_MODAUX), W("exhorted", L_MODAUX),
    W("number", L_MODW),

    /* cumulative tolls */
    W("uprising", L_CONFLICT), W("conflict", L_CONFLICT), W("war", L_CONFLICT),
    W("revolt", L_CONFLICT), W("revolution", L_CONFLICT), W("insurgency", L_CONFLICT),
    W("crackdown", L_CONFLICT), W("unrest", L_CONFLICT), W("crisis", L_CONFLICT),
    W("rebellion", L_CONFLICT), W("campaign", L_CONFLICT), W("occupation", L_CONFLICT),
    W("far", L_CUMUL), W("total", L_CUMUL), W("cumulative", L_CUMUL), W("overall", L_CUMUL),
    W("altogether", L_CUMUL), W("alone", L_CUMUL),
    W("attack", L_ATTACKN), W("attacks", L_ATTACKN), W("bombing", L_ATTACKN),
    W("bombings", L_ATTACKN), W("blast", L_ATTACKN), W("blasts", L_ATTACKN),
    W("explosion", L_ATTACKN), W("explosions", L_ATTACKN), W("crash", L_ATTACKN),
    W("shelling", L_ATTACKN), W("raid", L_ATTACKN), W("ambush", L_ATTACKN),
    W("massacre", L_ATTACKN), W("earthquake", L_ATTACKN), W("quake", L_ATTACKN),
    W("fire", L_ATTACKN), W("airstrike", L_ATTACKN), W("air", L_ATTACKN),
    W("clashes", L_ATTACKN), W("flood", L_ATTACKN), W("floods", L_ATTACKN),
    W("storm", L_ATTACKN), W("stampede", L_ATTACKN), W("collapse", L_ATTACKN),

    /* units */
    V("day", L_TIMEU, 1), V("days", L_TIMEU, 1), V("week", L_TIMEU, 7),
    V("weeks", L_TIMEU, 7), V("month", L_TIMEU, 30), V("months", L_TIMEU, 30),
    V("year", L_TIMEU, 365), V("years", L_TIMEU, 365), V("hour", L_TIMEU, 0),
    V("hours", L_TIMEU, 0), V("minute", L_TIMEU, 0), V("minutes", L_TIMEU, 0),
    V("seconds", L_TIMEU, 0), V("decade", L_TIMEU, 3650), V("decades", L_TIMEU, 3650),
    V("centuries", L_TIMEU, 36500), V("nights", L_TIMEU, 1),
    W("km", L_UNIT), W("kilometres", L_UNIT), W("kilometers", L_UNIT), W("miles", L_UNIT),
    W("mile", L_UNIT), W("metres", L_UNIT), W("meters", L_UNIT), W("feet", L_UNIT),
    W("kg", L_UNIT), W("kilograms", L_UNIT), W("kilos", L_UNIT), W("tons", L_UNIT),
    W("tonnes", L_UNIT), W("acres", L_UNIT), W("hectares", L_UNIT), W("litres", L_UNIT),
    W("liters", L_UNIT), W("barrels", L_UNIT), W("degrees", L_UNIT), W("mm", L_UNIT),
    W("cm", L_UNIT), W("square", L_UNIT), W("pounds", L_MONEY), W("kilometre", L_UNIT),
    W("percent", L_PCT), W("%", L_PCT), W("pct", L_PCT), W("per-cent", L_PCT),
    W("percentage", L_PCT),
    W("$", L_MONEY), W("us$", L_MONEY), W("€", L_MONEY), W("£", L_MONEY), W("dollars", L_MONEY),
    W("euros", L_MONEY), W("yuan", L_MONEY), W("rupees", L_MONEY), W("riyals", L_MONEY),
    W("dinars", L_MONEY), W("lira", L_MONEY), W("shekels", L_MONEY), W("francs", L_MONEY),
    W("yen", L_MONEY), W("rubles", L_MONEY), W("roubles", L_MONEY), W("naira", L_MONEY),
    W("cents", L_MONEY), W("usd", L_MONEY), W("eur", L_MONEY),
    W("a.m.", L_CLOCK), W("p.m.", L_CLOCK), W("am", L_CLOCK), W("pm", L_CLOCK),
    W("gmt", L_CLOCK), W("o'clock", L_CLOCK), W("utc", L_CLOCK), W("hrs", L_CLOCK),

    /* past participles that "had" takes in a background clause */
    W("fled", L_PARTCP), W("fought", L_PARTCP), W("shot", L_PARTCP), W("struck", L_PARTCP),
    W("hit", L_PARTCP), W("held", L_PARTCP), W("seen", L_PARTCP), W("made", L_PARTCP),
    W("left", L_PARTCP), W("led", L_PARTCP), W("sent", L_PARTCP), W("met", L_PARTCP),
    W("built", L_PARTCP), W("won", L_PARTCP), W("lost", L_PARTCP | L_CPHRASE), W("put", L_PARTCP),
    W("begun", L_PARTCP), W("done", L_PARTCP), W("gone", L_PARTCP), W("come", L_PARTCP),
    W("become", L_PARTCP), W("told", L_PARTCP), W("brought", L_PARTCP),
    W("caught", L_PARTCP), W("kept", L_PARTCP), W("slain", L_PARTCP), W("hurt", L_PARTCP),
    W("taken", L_PARTCP | L_CPHRASE), W("driven", L_PARTCP), W("given", L_PARTCP), W("run", L_PARTCP),
    W("spent", L_PARTCP), W("stood", L_PARTCP), W("fallen", L_PARTCP),
};

/* The merged table: entry 0 is the empty word (no class), so a token's
 * index (srf_word_index) reads its classes without a NULL test. */
const srf_word *srf_words;
uint16_t srf_e_number, srf_e_total, srf_e_to;
static srf_word *table;
static size_t ntable;        /* entries, the empty one included */
typedef struct sgroup sgroup;
static sgroup *groups;       /* hash -> entry (see sgroup) */
static uint32_t ngroups;     /* a power of two; not a size_t, which the
                              * index loop's stores could alias */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A word of up to 16 bytes as two integers, zero-padded: hashed and
 * compared without a byte loop (nearly every token is that short). */
typedef struct key16 {
    uint64_t a, b;
} key16;

/* Up to 8 bytes of s as a little-endian integer, zero-padded.  On a
 * little-endian machine with loads that overlap (the same byte lands on
 * the same place twice), else byte by byte.  nul: s[n] is a NUL (a token's
 * matching form), so a word of one to three bytes is one load with it. */
static inline __attribute__((always_inline)) uint64_t pack8n(const unsigned char *s, size_t n,
                                                            int nul)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (nul && n - 1 < 3) {
        if (n == 3) {
            uint32_t v;
            memcpy(&v, s, 4);
            return v;
        }
        uint16_t v;
        memcpy(&v, s, 2);
        return v;
    }
    if (n >= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        return v;
    }
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        return lo | (uint64_t)hi << (8 * (n - 4));
    }
    if (n == 0)
        return 0;
    return s[0] | (uint64_t)s[n / 2] << (8 * (n / 2)) | (uint64_t)s[n - 1] << (8 * (n - 1));
#else
    (void)nul;
    uint64_t v = 0;
    for (size_t i = n < 8 ? n : 8; i-- > 0;)
        v = v << 8 | s[i];
    return v;
#endif
}

static inline uint64_t pack8(const unsigned char *s, size_t n) { return pack8n(s, n, 0); }

/* n <= 16.  The byte order is fixed, not the machine's: only equality and
 * the hash below depend on it, and both sides pack the same way. */
static inline __attribute__((always_inline)) key16 pack16n(const char *s, size_t n, int nul)
{
    const unsigned char *u = (const unsigned char *)s;
    /* from 8 bytes: the first eight and the last eight, which with the
     * length (compared too) determine the word */
    key16 k = {pack8n(u, n < 8 ? n : 8, nul && n < 8), n >= 8 ? pack8(u + n - 8, 8) : 0};
    return k;
}

static inline key16 pack16(const char *s, size_t n) { return pack16n(s, n, 0); }

/* The slot is taken from the high half of the products, where every
 * byte of the key has had its say. */
static uint32_t hash16(key16 k, size_t n)
{
    uint64_t h = ((k.a + n) * 0x9E3779B97F4A7C15ULL) ^ (k.b * 0xC2B2AE3D27D4EB4FULL);
    return (uint32_t)(h >> 32);
}

static uint32_t hash(const char *s, size_t n)
{
    if (n <= 16)
        return hash16(pack16(s, n), n);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* A word's slot holds its entry's number (0: a free slot) and, in a tag
 * of 16 bits, its length (1 to 32) and eleven more bits of its hash, so a
 * word that is not listed is told from the words in its
 * group's slots by their tags alone (most tokens are none), and a listed
 * one reads one 16-byte entry besides: its key, packed (ents; a longer
 * word is compared with table[e].w).  A word's classes come from ecls,
 * dense over the facts' own words, which are the most frequent words of
 * any text.  Few lines touched per document is the point: the table is
 * read for every token, and between one document's facts and the next
 * the places, parsing and coding pass through the cache. */
static key16 *ents;
/* entry -> classes, for entries <= nfacts, with the entry's SRF_W_ bits
 * above them (from bit EW_SHIFT, where the summary's SC_ bits are: no
 * word has those); entry nfacts, of no class, stands for a token of
 * digits (SRF_W_NUM | SRF_W_DATE). */
static uint64_t *ecls;
enum { EW_SHIFT = 57 };
#define EW_CLASSES ((1ULL << EW_SHIFT) - 1)
_Static_assert(L_CPHRASE < (1ULL << EW_SHIFT) && SRF_W_LISTED < 128, "want bits overlap classes");
/* The entry of each one-byte word ("a", ",", "$", "I"; a token in six),
 * read for those tokens instead of hashing them; and of each two-byte
 * word of small letters and digits ("of", "in", "to": a token in seven),
 * at two_row[first] + two_col[second], which is TWO_N or more when a byte
 * is neither (the word is hashed). */
enum { TWO_K = 36, TWO_N = TWO_K * TWO_K, TWO_OFF = 2 * TWO_N };
static uint16_t one_byte[256];
static uint16_t two_byte[TWO_N];
static uint16_t two_row[256], two_col[256];
/* And of each three-byte word of small letters ("the", "and", "was": a
 * token in seven), at three_at[0][first] + three_at[1][second] +
 * three_at[2][third], THREE_N or more when a byte is no small letter: the
 * table is filled from the entries of three small letters, the others
 * staying 0, which is what the hash would say for them (35 KB, of which
 * a document reads the few lines of its short words). */
enum { THREE_K = 26, THREE_N = THREE_K * THREE_K * THREE_K, THREE_OFF = 3 * THREE_N };
static uint16_t three_byte[THREE_N];
static uint32_t three_at[3][256];

static inline uint16_t slot_tag(uint32_t h, size_t n)
{
    return (uint16_t)(((n - 1) & 31) << 11 | h >> 21);
}

/* The slots come in groups of GROUP, one cache line: a word's hash picks
 * its group, where it takes the first free slot, or the next
 * group's when the group is full.  So a group with a free slot (its last
 * one free) ends a search, and a search mostly reads one line of slots
 * even with the table two thirds full (32 KB for the 5,000 words with the
 * label's spellings; the 16,384 two-byte slots read one line and then the
 * entry's, 96 KB more with 32-byte entries, and even an unlisted word read
 * an entry whenever its slot was taken). */
enum { GROUP = 16 };
struct sgroup {
    _Alignas(64) uint16_t tag[GROUP];
    uint16_t e[GROUP];
};

/* Bit j set when v[j] is x, of a group's GROUP slots (16-byte aligned:
 * the tags, or the entries 32 bytes into the line). */
static inline __attribute__((always_inline)) unsigned slots_equal(const uint16_t *v, uint16_t x)
{
#ifdef __SSE2__
    const __m128i w = _mm_set1_epi16((short)x);
    const __m128i *q = (const __m128i *)v;
    __m128i c0 = _mm_cmpeq_epi16(_mm_load_si128(q), w);
    __m128i c1 = _mm_cmpeq_epi16(_mm_load_si128(q + 1), w);
    return (unsigned)_mm_movemask_epi8(_mm_packs_epi16(c0, c1));
#else
    unsigned m = 0;
    for (int j = 0; j < GROUP; j++)
        m |= (unsigned)(v[j] == x) << j;
    return m;
#endif
}

/* Bit j set when slot j of g has the tag t. */
static inline __attribute__((always_inline)) unsigned group_match(const sgroup *g, uint16_t t)
{
    return slots_equal(g->tag, t);
}

/* Bit j set when slot j of g is free (entry 0): slots fill from the
 * first, so the lowest is where the next word goes. */
static inline unsigned group_free(const sgroup *g) { return slots_equal(g->e, 0); }

__attribute__((always_inline)) static inline size_t find_n(const char *w, size_t n, int nul);
#define find(w, n) find_n(w, n, 0)

/* Spellings other stages asked for (sr_facts_offer_words), numbered after
 * the facts' own words, with no class: a token's lexi may be one, so the
 * passes tell a facts word by its classes (every one has some), never by
 * lexi alone. */
enum { NPROVIDERS = 4 };
static sr_facts_words_fn providers[NPROVIDERS];
static int built;
static size_t nfacts;        /* entries of the facts' own words, the empty one included */

int sr_facts_offer_words(sr_facts_words_fn fn)
{
    if (built || !fn)
        return SR_EINVAL;
    for (int i = 0; i < NPROVIDERS; i++)
        if (!providers[i]) {
            providers[i] = fn;
            return SR_OK;
        }
    return SR_EINVAL;
}

/* Adds w[0, l) (an entry of the table buf unless listed already, whose
 * merge keeps the first value and count type listed); o is the next free
 * entry.  Returns the word's entry. */
static inline __attribute__((always_inline)) size_t add_word(srf_word *buf, key16 *en, sgroup *gs,
                                                             size_t *o, const srf_word *w, size_t l)
{
    /* (inline, and packed with the word's NUL: this runs at every
     * start-up, for every word of the table and every offered spelling) */
    key16 q = l - 1 < 16 ? pack16n(w->w, l, 1) : (key16){0, 0};
    uint32_t h = l <= 16 ? hash16(q, l) : hash(w->w, l);
    uint16_t t = slot_tag(h, l);
    for (size_t gi = h & (ngroups - 1);; gi = (gi + 1) & (ngroups - 1)) {
        sgroup *g = &gs[gi];
        for (unsigned m = group_match(g, t); m; m &= m - 1) {
            size_t e = g->e[__builtin_ctz(m)];
            if (l <= 16 ? en[e].a != q.a || en[e].b != q.b
                        : memcmp(buf[e].w, w->w, l) != 0 || buf[e].w[l] != 0)
                continue;
            if (!buf[e].val)
                buf[e].val = w->val;
            if (buf[e].ctype < 0)
                buf[e].ctype = w->ctype;
            buf[e].cls |= w->cls;
            return e;
        }
        unsigned fr = group_free(g);
        if (fr) {
            int j = __builtin_ctz(fr);
            buf[*o] = *w;
            en[*o] = q;
            g->tag[j] = t;
            g->e[j] = (uint16_t)*o;
            return (*o)++;
        }
    }
}

/* Merges entries for the same word as they come, so a word may be listed
 * under every role it plays (the first value and count type listed win),
 * and hashes it for lookups; then the offered spellings.  No sorting:
 * this runs at every start-up. */
static void build(void)
{
    enum { NW = sizeof words / sizeof words[0] };
    static srf_word sbuf[NW + 1];
    static _Alignas(64) key16 sen[NW + 1];
    static uint64_t secls[NW + 2];
    static sgroup shs[128];
    /* the table is fixed at compile time: at most two thirds full (see
     * GROUP) */
    _Static_assert(3 * (NW + 1) <= 2 * GROUP * sizeof shs / sizeof shs[0], "word table too large");
    const char *const *extra[NPROVIDERS] = {NULL};
    uint32_t *num[NPROVIDERS] = {NULL};
    size_t nextra[NPROVIDERS] = {0}, more = 0;
    for (int i = 0; i < NPROVIDERS && providers[i]; i++) {
        extra[i] = providers[i](&nextra[i], &num[i]);
        more += extra[i] ? nextra[i] : 0;
    }
    srf_word *buf = sbuf;
    key16 *en = sen;
    sgroup *hs = shs;
    ngroups = sizeof shs / sizeof shs[0];
    if (more && NW + 1 + more < 65535) {
        /* cap bounds the entries (a spelling may be a facts word too):
         * some slots stay free, and about two thirds are taken */
        size_t ns = ngroups;
        while (GROUP * ns < (NW + 1 + more) + (NW + 1 + more) / 8)
            ns *= 2;
        size_t cap = NW + 1 + more;
        buf = malloc(cap * sizeof *buf);
        /* aligned, so an entry is in one cache line */
        en = aligned_alloc(64, (cap * sizeof *en + 63) / 64 * 64);
        hs = aligned_alloc(64, ns * sizeof *hs);
        if (hs)
            memset(hs, 0, ns * sizeof *hs);
        if (buf && en && hs) {
            ngroups = (uint32_t)ns;
        } else { /* without the offered words: their stages do without */
            free(buf), free(en), free(hs);
            buf = sbuf, en = sen, hs = shs;
            more = 0;
        }
    } else {
        more = 0;
    }
    buf[0] = (srf_word){"", 0, 0, -1};
    en[0] = (key16){0, 0};
    table = buf;
    ents = en;
    groups = hs;
    size_t o = 1;
    for (size_t i = 0; i < NW; i++)
        add_word(buf, en, hs, &o, &words[i], strlen(words[i].w));
    nfacts = o;
    for (int i = 0; more && i < NPROVIDERS; i++)
        for (size_t j = 0; extra[i] && j < nextra[i]; j++) {
            size_t l = strlen(extra[i][j]), e = 0;
            if (l && l <= 32) { /* find_n looks no longer word up */
                srf_word w = {extra[i][j], 0, 0, -1};
                e = add_word(buf, en, hs, &o, &w, l);
            }
            if (num[i])
                num[i][j] = (uint32_t)e;
        }
    ntable = o;
    for (unsigned c = 1; c < 256; c++) {
        const char w[2] = {(char)c, 0};
        one_byte[c] = (uint16_t)find_n(w, 1, 1);
    }
    static const char two_chars[TWO_K + 1] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (unsigned c = 0; c < 256; c++)
        two_row[c] = two_col[c] = TWO_OFF;
    for (unsigned k = 0; k < TWO_K; k++) {
        two_row[(unsigned char)two_chars[k]] = (uint16_t)(k * TWO_K);
        two_col[(unsigned char)two_chars[k]] = (uint16_t)k;
        for (unsigned j = 0; j < TWO_K; j++) {
            const char w[3] = {two_chars[k], two_chars[j], 0};
            two_byte[k * TWO_K + j] = (uint16_t)find_n(w, 2, 1);
        }
    }
    for (unsigned c = 0; c < 256; c++)
        three_at[0][c] = three_at[1][c] = three_at[2][c] = THREE_OFF;
    for (unsigned k = 0; k < THREE_K; k++) {
        three_at[0]['a' + k] = k * THREE_K * THREE_K;
        three_at[1]['a' + k] = k * THREE_K;
        three_at[2]['a' + k] = k;
    }
    for (size_t e = 1; e < ntable; e++) {
        const unsigned char *w = (const unsigned char *)buf[e].w;
        if (w[0] && w[1] && w[2] && !w[3]) {
            uint32_t x = three_at[0][w[0]] + three_at[1][w[1]] + three_at[2][w[2]];
            if (x < THREE_N)
                three_byte[x] = (uint16_t)e;
        }
    }
    for (size_t e = 0; e < nfacts; e++)
        secls[e] = buf[e].cls;
    srf_e_number = (uint16_t)find_n("number", 6, 1);
    srf_e_total = (uint16_t)find_n("total", 5, 1);
    srf_e_to = (uint16_t)find_n("to", 2, 1);
    for (size_t e = 0; e < nfacts; e++) {
        uint64_t c = secls[e];
        secls[e] |= (uint64_t)(((c & (L_NUMW | L_VAGUE | L_SCALE)) ? SRF_W_NUM : 0) |
                              ((c & (L_MONTH | L_WDAY | L_TIMEW | L_DSTART | L_NUMW)) ? SRF_W_DATE : 0) |
                              ((c & (L_REPORT | L_MEDIAV | L_REFUTE)) ? SRF_W_ATTR : 0) |
                              ((c & (MOD_CUES | L_MODAUX)) ? SRF_W_MOD : 0) |
                              ((c & (L_DET | L_NEG)) ? SRF_W_DETNEG : 0) |
                              ((c & L_TOLL) || e == srf_e_number || e == srf_e_total ? SRF_W_TOLL : 0) |
                              (c ? SRF_W_LISTED : 0)) << EW_SHIFT;
    }
    secls[nfacts] = (uint64_t)(SRF_W_NUM | SRF_W_DATE) << EW_SHIFT;
    ecls = secls;
    srf_num_init();
    srf_words = buf;
    built = 1;
}

const srf_word *srf_table(size_t *n)
{
    pthread_once(&once, build);
    *n = nfacts - 1;
    return table + 1;
}

void srf_lex_init(void) { pthread_once(&once, build); }

/* The entry of the word w[0, n) of hash h (key q when n <= 16; longw:
 * n > 16, compared with table[e].w), 0 when it is not listed.  A slot
 * whose tag matches holds a word of n bytes: the tag holds the length. */
static inline __attribute__((always_inline)) size_t probe(uint32_t h, size_t n, key16 q,
                                                           const char *w, int longw)
{
    uint16_t t = slot_tag(h, n);
    for (size_t gi = h & (ngroups - 1);; gi = (gi + 1) & (ngroups - 1)) {
        const sgroup *g = &groups[gi];
        for (unsigned m = group_match(g, t); m; m &= m - 1) {
            size_t e = g->e[__builtin_ctz(m)];
            if (longw ? !memcmp(table[e].w, w, n) : ents[e].a == q.a && ents[e].b == q.b)
                return e;
        }
        if (!g->e[GROUP - 1])
            return 0;
    }
}

/* The table index of w[0..n), 0 when it is no listed word; nul: w[n] is
 * a NUL. */
__attribute__((always_inline)) static inline size_t find_n(const char *w, size_t n, int nul)
{
    if (n - 1 < 16) {
        key16 q = pack16n(w, n, nul);
        return probe(hash16(q, n), n, q, w, 0);
    }
    if (n == 0 || n > 32)
        return 0;
    return probe(hash(w, n), n, (key16){0, 0}, w, 1);
}

uint16_t srf_word_index(const char *w, size_t n)
{
    size_t e = find(w, n);
    return (uint16_t)(e < nfacts ? e : 0);
}

uint32_t sr_facts_word_number(const char *w, size_t n)
{
    pthread_once(&once, build);
    return (uint32_t)find(w, n);
}

size_t sr_facts_word_total(void)
{
    pthread_once(&once, build);
    return ntable;
}

/* The SRF_IX_ bits of a token that is neither SR_TOK_ALNUM nor
 * SR_TOK_PUNCT, w[0, n) of classes ce: hyphens and apostrophes only occur
 * in such tokens (marks -- "-", "--", "'s" -- hold no letter before a
 * hyphen and never end in "n't" or "'ll"), which are few: looked at as
 * they are indexed, not in a second pass over the sentence. */
static __attribute__((noinline)) unsigned odd_marks(const char *w, size_t n, uint64_t ce)
{
    unsigned mk = 0;
    if (n > 3 && ((w[n - 1] == 't' && !memcmp(w + n - 3, "n't", 3)) ||
                  (w[n - 1] == 'l' && !memcmp(w + n - 3, "'ll", 3))))
        mk |= SRF_IX_CONTR;
    if (ce)
        return mk;
    /* k: the first hyphen's place or, before it, a NUL's (strcspn's
     * answer); no hyphen in the n bytes: done */
    size_t k = 0;
    while (k < n && w[k] != '-' && w[k])
        k++;
    if (k == n || (!w[k] && !memchr(w + k, '-', n - k)))
        return mk;
    const srf_word *lw = srf_lookup_ready(w, k);
    if (lw && (lw->cls & L_NUMW))
        mk |= SRF_IX_HYPHNUM;
    if (srf_date_prefix(w, n))
        mk |= SRF_IX_DATEW;
    return mk;
}

uint64_t srf_index_tokens(const sr_token *tok, size_t lo, size_t hi, uint16_t *lexi,
                          uint64_t *cls, uint8_t *want, uint32_t *flags, unsigned *marks)
{
    uint64_t c = 0;
    uint32_t fl = 0;
    unsigned mk = 0;
    const uint64_t *ec = ecls;
    size_t nf = nfacts;
    for (size_t i = lo; i < hi; i++) {
        uint32_t tf = tok[i].flags;
        const char *w = tok[i].norm;
        size_t n = tok[i].norm_len;
        size_t e = 0, ef = nf; /* digits: no listed word starts with one */
        if (!(tf & SR_TOK_NUM)) {
            uint32_t x3;
            if (n - 4 < 13) {
                /* four to sixteen bytes (half the tokens): hashed, with
                 * no test of the short forms' tables first */
                key16 q = pack16n(w, n, 1);
                e = probe(hash16(q, n), n, q, w, 0);
            } else if (n == 1) {
                e = one_byte[(unsigned char)w[0]];
            } else if (n == 3 && (x3 = three_at[0][(unsigned char)w[0]] +
                                       three_at[1][(unsigned char)w[1]] +
                                       three_at[2][(unsigned char)w[2]]) < THREE_N) {
                e = three_byte[x3];
            } else {
                unsigned x = n == 2 ? two_row[(unsigned char)w[0]] + two_col[(unsigned char)w[1]]
                                    : TWO_OFF;
                e = x < TWO_N ? two_byte[x] : find_n(w, n, 1); /* a form ends in a NUL */
            }
            ef = e < nf ? e : 0;
        }
        uint64_t ce = ec[ef] & EW_CLASSES;
        unsigned wb = (unsigned)(ec[ef] >> EW_SHIFT);
        lexi[i] = (uint16_t)e;
        cls[i] = ce;
        c |= ce;
        fl |= tf;
        /* "forced" is plain letters and no listed word; '"' a mark */
        if (tf & SR_TOK_ALNUM) {
            if (n == 6 && !ce && !memcmp(w, "forced", 6))
                mk |= SRF_IX_FORCED;
        } else if (tf & SR_TOK_PUNCT) {
            if (n == 1 && w[0] == '"')
                mk |= SRF_IX_QUOTE;
        } else {
            /* a date may start at a hyphenated word ("mid-May"); no mark
             * or plain word can (srf_date_prefix) */
            mk |= odd_marks(w, n, ce);
            wb |= SRF_W_DATE;
        }
        want[i] = (uint8_t)wb; /* last: a byte's store may alias the rest */
    }
    *flags = fl;
    *marks = mk;
    return c;
}

const srf_word *srf_lookup_ready(const char *w, size_t n)
{
    size_t e = find(w, n);
    return e && e < nfacts ? &table[e] : NULL;
}

const srf_word *srf_lookup(const char *w, size_t n)
{
    pthread_once(&once, build);
    return srf_lookup_ready(w, n);
}
