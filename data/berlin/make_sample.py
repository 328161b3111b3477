#!/usr/bin/env python3
"""Generate the bundled Berlin sample network (``data/berlin/*.csv``).

Public facts: the 18 partner cities (year signed, status, German name,
aliases, coordinates, source) are read from
``shared/data/berlin_partner_cities.csv``. Everything else -- institutions,
federal bodies, NGOs, projects, people and all their ties -- is an
ILLUSTRATIVE network built to exercise actornet; every such row carries
``evidence=illustrative``. People and their e-mail addresses are fictional.

Deterministic and stdlib-only: one ``random.Random(SEED)``, no set iteration
that could depend on hash seeds, no network access. Run::

    python data/berlin/make_sample.py [--partners PATH]

It writes ``actors.csv``, ``ties.csv``, ``projects.csv`` and ``themes.csv``
next to itself, then re-reads what it wrote and checks it (ids, tie kinds,
years, weights, counts and the built-in findings documented in SOURCES.md),
exiting with a message if anything is off.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import unicodedata
from pathlib import Path

SEED = 20230914
HERE = Path(__file__).resolve().parent
DEFAULT_PARTNERS = Path(__file__).resolve().parents[3] / "shared/data/berlin_partner_cities.csv"
ILLUSTRATIVE = "illustrative"
YEAR_MIN, YEAR_MAX = 1990, 2026  # window for illustrative years

# ---------------------------------------------------------------------------
# Themes (the partnership strategy's priorities first)
# ---------------------------------------------------------------------------

THEMES = [
    # id, label_en, label_de, priority, description
    ("business", "Business", "Wirtschaft", 3,
     "Trade, investment, start-ups, chambers and business promotion."),
    ("science", "Science and academia", "Wissenschaft und Forschung", 3,
     "University partnerships, joint research, academic exchange."),
    ("culture", "Culture", "Kultur", 3,
     "Arts, museums, music, theatre, literature and cultural exchange."),
    ("climate", "Climate and environment", "Klimaschutz", 3,
     "Climate protection, adaptation, energy, environment and resources."),
    ("integration", "Integration and diversity", "Integration und Vielfalt", 2,
     "Migration, diaspora communities, anti-discrimination and diversity."),
    ("youth", "Youth and school exchange", "Jugend- und Schulaustausch", 1,
     "School partnerships, youth exchange and youth work."),
    ("justice", "Justice", "Justiz", 1,
     "Courts, judicial administration, legal cooperation and the rule of law."),
    ("sport", "Sport", "Sport", 1,
     "Sports clubs, federations, youth sport and sporting events."),
    ("urban_development", "Urban development", "Stadtentwicklung", 1,
     "Planning, housing, reconstruction and urban infrastructure."),
    ("transport", "Transport and mobility", "Verkehr und Mobilität", 1,
     "Public transport, mobility planning and transport operators."),
    ("administration", "Public administration", "Verwaltung", 1,
     "Municipal administration, protocol, civil service and EU affairs."),
]
THEME_IDS = [t[0] for t in THEMES]

# ---------------------------------------------------------------------------
# Organisations (illustrative; real names are placeholders, ties invented)
# id, kind, city, name, themes, aliases, website
# ---------------------------------------------------------------------------

I, F, N = "institution", "federal_body", "ngo"

ORGS = [
    # --- Berlin: state bodies -------------------------------------------------
    ("skzl_protocol", I, "berlin", "Senate Chancellery – Protocol and International Relations",
     "administration;culture", "Senatskanzlei;Protokoll und Internationales", "https://www.berlin.de/rbmskzl/"),
    ("sen_wirtschaft", I, "berlin", "Senate Department for Economics, Energy and Public Enterprises",
     "business;climate", "SenWiEnBe", ""),
    ("sen_umwelt", I, "berlin", "Senate Department for Mobility, Transport, Climate Protection and Environment",
     "climate;transport", "SenMVKU", ""),
    ("sen_stadtentwicklung", I, "berlin", "Senate Department for Urban Development, Building and Housing",
     "urban_development", "SenStadt", ""),
    ("sen_justiz", I, "berlin", "Senate Department for Justice and Consumer Protection",
     "justice", "SenJustV", ""),
    ("sen_bildung", I, "berlin", "Senate Department for Education, Youth and Family",
     "youth", "SenBJF", ""),
    ("sen_kultur", I, "berlin", "Senate Department for Culture and Social Cohesion",
     "culture", "", ""),
    ("sen_wissenschaft", I, "berlin", "Senate Department for Higher Education and Research",
     "science", "", ""),
    ("sen_inneres", I, "berlin", "Senate Department for the Interior and Sport",
     "sport;administration", "SenInnSport", ""),
    ("sen_integration", I, "berlin", "Senate Department for Labour, Social Affairs, Integration and Anti-Discrimination",
     "integration", "", ""),
    ("lmb_integration", I, "berlin", "Berlin Commissioner for Integration and Migration",
     "integration", "", ""),
    ("berlin_eu_office", I, "berlin", "Representation of the State of Berlin to the European Union",
     "administration;business", "", ""),
    ("verwaltungsakademie", I, "berlin", "Berlin Academy of Public Administration",
     "administration", "Verwaltungsakademie Berlin;VAk", ""),
    ("landesamt_einwanderung", I, "berlin", "Berlin State Office for Immigration",
     "integration;administration", "LEA", ""),
    ("berliner_feuerwehr", I, "berlin", "Berlin Fire Brigade",
     "administration", "Berliner Feuerwehr", ""),
    ("polizei_akademie", I, "berlin", "Berlin Police Academy",
     "justice;administration", "Polizeiakademie Berlin", ""),
    ("kammergericht", I, "berlin", "Kammergericht (Berlin Court of Appeal)",
     "justice", "KG Berlin", ""),
    ("rak_berlin", I, "berlin", "Berlin Bar Association",
     "justice", "Rechtsanwaltskammer Berlin", ""),
    # --- Berlin: universities and research -------------------------------------
    ("fu_berlin", I, "berlin", "Freie Universität Berlin",
     "science;culture;climate", "FU Berlin;FU", "https://www.fu-berlin.de/"),
    ("hu_berlin", I, "berlin", "Humboldt-Universität zu Berlin",
     "science", "HU Berlin;HU", "https://www.hu-berlin.de/"),
    ("tu_berlin", I, "berlin", "Technische Universität Berlin",
     "science;transport;urban_development", "TU Berlin;TU", "https://www.tu.berlin/"),
    ("charite", I, "berlin", "Charité – Universitätsmedizin Berlin",
     "science", "Charité", "https://www.charite.de/"),
    ("udk_berlin", I, "berlin", "Berlin University of the Arts",
     "culture;science", "UdK Berlin;UdK", "https://www.udk-berlin.de/"),
    ("htw_berlin", I, "berlin", "HTW Berlin – University of Applied Sciences",
     "science;business", "HTW Berlin;HTW", "https://www.htw-berlin.de/"),
    ("hwr_berlin", I, "berlin", "Berlin School of Economics and Law",
     "science;business;administration", "HWR Berlin;HWR", "https://www.hwr-berlin.de/"),
    ("bht_berlin", I, "berlin", "Berliner Hochschule für Technik",
     "science;transport", "BHT", ""),
    ("wzb", I, "berlin", "WZB Berlin Social Science Center",
     "science;integration", "WZB", ""),
    # --- Berlin: business ------------------------------------------------------
    ("berlin_partner", I, "berlin", "Berlin Partner für Wirtschaft und Technologie",
     "business;science", "Berlin Partner", "https://www.berlin-partner.de/"),
    ("ihk_berlin", I, "berlin", "IHK Berlin (Berlin Chamber of Commerce and Industry)",
     "business", "IHK Berlin;IHK", ""),
    ("hwk_berlin", I, "berlin", "Handwerkskammer Berlin",
     "business;youth", "HWK Berlin", ""),
    ("ibb", I, "berlin", "Investitionsbank Berlin",
     "business", "IBB", ""),
    ("wista", I, "berlin", "WISTA Management (Berlin Adlershof)",
     "business;science", "Adlershof", ""),
    ("messe_berlin", I, "berlin", "Messe Berlin",
     "business;culture", "", ""),
    ("technologiestiftung", I, "berlin", "Technologiestiftung Berlin",
     "science;urban_development", "TSB;CityLAB Berlin", ""),
    ("visitberlin", I, "berlin", "visitBerlin (Berlin Tourismus & Kongress)",
     "culture;business", "", ""),
    # --- Berlin: culture -------------------------------------------------------
    ("hkw", I, "berlin", "Haus der Kulturen der Welt",
     "culture", "HKW", "https://www.hkw.de/"),
    ("berliner_phil", I, "berlin", "Berliner Philharmoniker Foundation",
     "culture", "Stiftung Berliner Philharmoniker", ""),
    ("berliner_festspiele", I, "berlin", "Berliner Festspiele",
     "culture", "", ""),
    ("deutsches_theater", I, "berlin", "Deutsches Theater Berlin",
     "culture", "DT Berlin", ""),
    ("zlb", I, "berlin", "Central and Regional Library Berlin",
     "culture;integration", "ZLB", ""),
    ("spk", I, "berlin", "Prussian Cultural Heritage Foundation",
     "culture;science", "SPK;Stiftung Preußischer Kulturbesitz", ""),
    # --- Berlin: public enterprises --------------------------------------------
    ("bvg", I, "berlin", "Berliner Verkehrsbetriebe",
     "transport;climate", "BVG", "https://www.bvg.de/"),
    ("vbb", I, "berlin", "Verkehrsverbund Berlin-Brandenburg",
     "transport", "VBB", ""),
    ("bsr", I, "berlin", "Berliner Stadtreinigung",
     "climate;urban_development", "BSR", ""),
    ("bwb", I, "berlin", "Berliner Wasserbetriebe",
     "climate;urban_development", "BWB", ""),
    ("berliner_energieagentur", I, "berlin", "Berliner Energieagentur",
     "climate", "BEA;Berlin Energy Agency", ""),
    # --- Berlin: youth, sport, districts ---------------------------------------
    ("landessportbund", I, "berlin", "Landessportbund Berlin",
     "sport;youth", "LSB Berlin", ""),
    ("franz_gymnasium", I, "berlin", "Französisches Gymnasium Berlin",
     "youth;culture", "Collège Français", ""),
    ("robert_jungk_school", I, "berlin", "Robert-Jungk-Oberschule",
     "youth", "", ""),
    ("bezirksamt_fk", I, "berlin", "District Office Friedrichshain-Kreuzberg",
     "integration;culture;urban_development", "Bezirksamt Friedrichshain-Kreuzberg", ""),
    ("bezirksamt_neukoelln", I, "berlin", "District Office Neukölln",
     "integration;youth", "Bezirksamt Neukölln", ""),
    ("lpb_berlin", I, "berlin", "Berlin State Agency for Civic Education",
     "youth;integration", "Landeszentrale für politische Bildung", ""),
    # --- federal and binational bodies (all seated in Berlin for this sample) --
    ("auswaertiges_amt", F, "berlin", "Federal Foreign Office",
     "culture;administration", "Auswärtiges Amt;AA", "https://www.auswaertiges-amt.de/"),
    ("bmz", F, "berlin", "Federal Ministry for Economic Cooperation and Development",
     "climate;urban_development", "BMZ", "https://www.bmz.de/"),
    ("bmbf", F, "berlin", "Federal Ministry of Education and Research",
     "science", "BMBF", ""),
    ("daad", F, "berlin", "German Academic Exchange Service",
     "science;culture", "DAAD", "https://www.daad.de/"),
    ("goethe_institut", F, "berlin", "Goethe-Institut",
     "culture;science", "Goethe", "https://www.goethe.de/"),
    ("giz", F, "berlin", "Deutsche Gesellschaft für Internationale Zusammenarbeit",
     "climate;urban_development;transport", "GIZ", "https://www.giz.de/"),
    ("umweltbundesamt", F, "berlin", "German Environment Agency",
     "climate", "UBA;Umweltbundesamt", "https://www.umweltbundesamt.de/"),
    ("dfjw", F, "berlin", "Franco-German Youth Office",
     "youth", "DFJW;OFAJ", "https://www.dfjw.org/"),
    ("dpjw", F, "berlin", "German-Polish Youth Office",
     "youth", "DPJW;PNWM", "https://www.dpjw.org/"),
    # --- Berlin NGOs -----------------------------------------------------------
    ("ngo_windhoek_partnership", N, "berlin", "Berlin–Windhoek Partnership Association",
     "youth;culture;climate", "Städtepartnerschaftsverein Berlin–Windhuk", ""),
    ("ngo_berlin_paris_club", N, "berlin", "Berlin–Paris Friendship Circle",
     "culture;youth", "", ""),
    ("ngo_dt_poln_ges", N, "berlin", "German-Polish Society Berlin",
     "culture;youth;integration", "Deutsch-Polnische Gesellschaft Berlin", ""),
    ("ngo_tbb", N, "berlin", "Turkish Union in Berlin-Brandenburg",
     "integration", "TBB", ""),
    ("ngo_boell", N, "berlin", "Heinrich Böll Foundation",
     "climate;integration;culture", "Heinrich-Böll-Stiftung", ""),
    ("ngo_bosch", N, "berlin", "Robert Bosch Foundation (Berlin office)",
     "youth;integration;science", "Robert Bosch Stiftung", ""),
    ("ngo_germanwatch", N, "berlin", "Germanwatch (Berlin office)",
     "climate", "", ""),
    ("ngo_bund_berlin", N, "berlin", "BUND Berlin",
     "climate", "", ""),
    ("ngo_youth_climate", N, "berlin", "Youth Climate Network Berlin",
     "climate;youth", "", ""),
    ("ngo_ukraine_community", N, "berlin", "Berlin Ukrainian Community Association",
     "integration;culture;youth", "", ""),
    ("ngo_sc_spree", N, "berlin", "Youth Sports Club Spree 1990",
     "sport;youth", "", ""),
    ("ngo_streetfootball", N, "berlin", "Kick Together Berlin",
     "sport;integration;youth", "", ""),
    ("ngo_landesjugendring", N, "berlin", "Landesjugendring Berlin",
     "youth", "LJR Berlin", ""),
    ("ngo_youth_exchange", N, "berlin", "Youth Exchange Club Berlin",
     "youth;culture", "", ""),
    ("ngo_dt_indonesia", N, "berlin", "German-Indonesian Society Berlin",
     "culture;business", "Deutsch-Indonesische Gesellschaft", ""),
    ("ngo_jdzb", N, "berlin", "Japanese-German Center Berlin",
     "science;culture", "JDZB", ""),
    ("ngo_dt_argentina", N, "berlin", "German-Argentine Circle Berlin",
     "culture;business", "", ""),
    ("ngo_dt_hungary", N, "berlin", "Berlin–Budapest Friendship Society",
     "culture;sport", "", ""),
    ("ngo_dra", N, "berlin", "German-Russian Exchange",
     "culture;youth;integration", "DRA;Deutsch-Russischer Austausch", ""),
    ("ngo_mexico_culture", N, "berlin", "Mexican Cultural Association Berlin",
     "culture;integration", "", ""),
    ("ngo_refugee_law_clinic", N, "berlin", "Refugee Law Clinic Berlin",
     "justice;integration", "", ""),
    ("ngo_einstein", N, "berlin", "Einstein Foundation Berlin",
     "science", "Einstein Stiftung", ""),
    ("ngo_zukunft_berlin", N, "berlin", "Stiftung Zukunft Berlin",
     "urban_development;culture", "", ""),
    # --- counterparts: Paris ---------------------------------------------------
    ("paris_city_hall", I, "paris", "City of Paris – International Relations Delegation",
     "culture;youth;integration;urban_development;climate;sport", "Mairie de Paris", ""),
    ("sorbonne", I, "paris", "Sorbonne University",
     "science;culture", "Sorbonne Université", ""),
    ("sciences_po", I, "paris", "Sciences Po",
     "science;integration", "", ""),
    ("cci_paris", I, "paris", "Paris Île-de-France Chamber of Commerce and Industry",
     "business", "CCI Paris Île-de-France", ""),
    ("philharmonie_paris", I, "paris", "Philharmonie de Paris",
     "culture", "", ""),
    ("agence_climat_paris", N, "paris", "Paris Climate Agency",
     "climate", "Agence Parisienne du Climat", ""),
    # --- Warsaw ----------------------------------------------------------------
    ("warsaw_city_hall", I, "warsaw", "City of Warsaw – Office for International Relations",
     "youth;culture;integration;urban_development;administration;climate", "Urząd m.st. Warszawy", ""),
    ("univ_warsaw", I, "warsaw", "University of Warsaw",
     "science", "Uniwersytet Warszawski", ""),
    ("warsaw_polytechnic", I, "warsaw", "Warsaw University of Technology",
     "science;transport;urban_development", "Politechnika Warszawska", ""),
    ("warsaw_chamber", I, "warsaw", "Warsaw Chamber of Commerce",
     "business", "", ""),
    ("polin_museum", I, "warsaw", "POLIN Museum of the History of Polish Jews",
     "culture;integration", "POLIN", ""),
    # --- London ----------------------------------------------------------------
    ("gla", I, "london", "Greater London Authority",
     "business;culture;integration;climate;youth", "GLA", ""),
    ("ucl", I, "london", "University College London",
     "science;climate", "UCL", ""),
    ("london_chamber", I, "london", "London Chamber of Commerce and Industry",
     "business", "LCCI", ""),
    ("london_partners", I, "london", "London & Partners",
     "business;culture", "", ""),
    ("barbican", I, "london", "Barbican Centre",
     "culture;youth", "", ""),
    ("tfl", I, "london", "Transport for London",
     "transport;climate", "TfL", ""),
    # --- Prague ----------------------------------------------------------------
    ("prague_city_hall", I, "prague", "Prague City Hall – Department of International Relations",
     "culture;urban_development;administration;youth", "Magistrát hl. m. Prahy", ""),
    ("charles_university", I, "prague", "Charles University",
     "science;justice", "Univerzita Karlova", ""),
    ("prague_court", I, "prague", "Municipal Court in Prague",
     "justice", "Městský soud v Praze", ""),
    ("czech_german_fund", N, "prague", "Czech-German Fund for the Future",
     "culture;youth", "Česko-německý fond budoucnosti", ""),
    ("prague_ipr", I, "prague", "Prague Institute of Planning and Development",
     "urban_development", "IPR Praha", ""),
    # --- Istanbul (no climate on purpose) ---------------------------------------
    ("ibb_istanbul", I, "istanbul", "Istanbul Metropolitan Municipality",
     "culture;integration;youth;sport;urban_development;transport;business", "İBB", ""),
    ("istanbul_university", I, "istanbul", "Istanbul University",
     "science", "", ""),
    ("istanbul_chamber", I, "istanbul", "Istanbul Chamber of Commerce",
     "business", "İTO", ""),
    ("iksv", N, "istanbul", "Istanbul Foundation for Culture and Arts",
     "culture", "İKSV", ""),
    ("kadikoy_municipality", I, "istanbul", "Kadıköy Municipality",
     "integration;culture;youth;sport", "", ""),
    # --- Kyiv ------------------------------------------------------------------
    ("kyiv_city_admin", I, "kyiv", "Kyiv City State Administration",
     "administration;urban_development;culture;integration;youth", "KCSA", ""),
    ("kyiv_university", I, "kyiv", "Taras Shevchenko National University of Kyiv",
     "science", "", ""),
    ("kyiv_mohyla", I, "kyiv", "National University of Kyiv-Mohyla Academy",
     "science;culture", "NaUKMA", ""),
    ("kyiv_court", I, "kyiv", "Kyiv Court of Appeal",
     "justice", "", ""),
    ("kyiv_genplan", I, "kyiv", "Kyiv Institute of the General Plan",
     "urban_development", "Kyivgenplan", ""),
    ("mystetskyi_arsenal", I, "kyiv", "Mystetskyi Arsenal",
     "culture", "", ""),
    ("kyivpastrans", I, "kyiv", "Kyivpastrans",
     "transport", "", ""),
    # --- Jakarta ---------------------------------------------------------------
    ("jakarta_gov", I, "jakarta", "Provincial Government of DKI Jakarta",
     "climate;urban_development;transport;administration;culture", "Pemprov DKI Jakarta", ""),
    ("universitas_indonesia", I, "jakarta", "Universitas Indonesia",
     "science;climate", "UI", ""),
    ("transjakarta", I, "jakarta", "Transjakarta",
     "transport;climate", "", ""),
    ("rujak", N, "jakarta", "Rujak Center for Urban Studies",
     "urban_development;climate", "", ""),
    ("kadin_jakarta", I, "jakarta", "Jakarta Chamber of Commerce and Industry",
     "business", "KADIN DKI Jakarta", ""),
    ("jakarta_arts_council", I, "jakarta", "Jakarta Arts Council",
     "culture", "Dewan Kesenian Jakarta;DKJ", ""),
    # --- Beijing ---------------------------------------------------------------
    ("beijing_fao", I, "beijing", "Beijing Municipal Foreign Affairs Office",
     "administration;culture", "", ""),
    ("peking_university", I, "beijing", "Peking University",
     "science", "PKU", ""),
    ("tsinghua", I, "beijing", "Tsinghua University",
     "science;urban_development", "", ""),
    ("ccpit_beijing", I, "beijing", "China Council for the Promotion of International Trade, Beijing",
     "business", "CCPIT Beijing", ""),
    ("ncpa_beijing", I, "beijing", "National Centre for the Performing Arts",
     "culture", "NCPA", ""),
    # --- Tokyo (no integration on purpose) -------------------------------------
    ("tokyo_env_bureau", I, "tokyo", "Tokyo Metropolitan Government – Bureau of Environment",
     "climate;urban_development", "", ""),
    ("utokyo", I, "tokyo", "University of Tokyo",
     "science", "Todai", ""),
    ("waseda", I, "tokyo", "Waseda University",
     "science;culture", "", ""),
    ("tokyo_chamber", I, "tokyo", "Tokyo Chamber of Commerce and Industry",
     "business", "", ""),
    ("arts_council_tokyo", I, "tokyo", "Arts Council Tokyo",
     "culture", "", ""),
    # --- Mexico City -----------------------------------------------------------
    ("cdmx_international", I, "mexico_city", "Mexico City Government – General Coordination of International Affairs",
     "administration;culture;climate", "", ""),
    ("unam", I, "mexico_city", "National Autonomous University of Mexico",
     "science;culture;climate", "UNAM", ""),
    ("cdmx_semovi", I, "mexico_city", "Mexico City Mobility Secretariat",
     "transport", "SEMOVI", ""),
    ("metro_cdmx", I, "mexico_city", "Mexico City Metro",
     "transport", "Metro CDMX;STC", ""),
    ("cdmx_culture", I, "mexico_city", "Mexico City Ministry of Culture",
     "culture", "", ""),
    # --- Los Angeles -----------------------------------------------------------
    ("la_mayors_office", I, "los_angeles", "Los Angeles Mayor's Office of International Affairs",
     "business;climate;culture;administration", "", ""),
    ("ucla", I, "los_angeles", "University of California, Los Angeles",
     "science;climate", "UCLA", ""),
    ("la_metro", I, "los_angeles", "Los Angeles County Metropolitan Transportation Authority",
     "transport", "LA Metro", ""),
    # --- Madrid (no climate on purpose) ----------------------------------------
    ("madrid_city_council", I, "madrid", "Madrid City Council – International Relations",
     "culture;business;youth;sport", "Ayuntamiento de Madrid", ""),
    ("complutense", I, "madrid", "Complutense University of Madrid",
     "science;culture", "UCM", ""),
    # --- Brussels --------------------------------------------------------------
    ("brussels_international", I, "brussels", "Brussels-Capital Region – brussels international",
     "administration;business;integration;culture", "", ""),
    ("ulb", I, "brussels", "Université libre de Bruxelles",
     "science", "ULB", ""),
    # --- Moscow (everything ends by 2022) --------------------------------------
    ("moscow_gov", I, "moscow", "Moscow City Government – Department of External Economic and International Relations",
     "administration;business;culture;youth", "", ""),
    ("msu", I, "moscow", "Lomonosov Moscow State University",
     "science", "MSU", ""),
    ("pushkin_museum", I, "moscow", "Pushkin State Museum of Fine Arts",
     "culture", "", ""),
    # --- Budapest (dormant) ----------------------------------------------------
    ("budapest_city_hall", I, "budapest", "Municipality of Budapest",
     "culture;administration;youth", "Budapest Főváros", ""),
    ("elte", I, "budapest", "Eötvös Loránd University",
     "science", "ELTE", ""),
    ("budapest_sports_office", I, "budapest", "Budapest Municipal Sports Office",
     "sport;youth", "", ""),
    # --- Buenos Aires (dormant) ------------------------------------------------
    ("ba_city_gov", I, "buenos_aires", "Government of the City of Buenos Aires – International Relations",
     "business;culture;administration", "", ""),
    ("univ_buenos_aires", I, "buenos_aires", "University of Buenos Aires",
     "science", "UBA", ""),
    ("teatro_colon", I, "buenos_aires", "Teatro Colón",
     "culture", "", ""),
    # --- Tashkent (reached through one person only) ----------------------------
    ("tashkent_khokimiyat", I, "tashkent", "Tashkent City Khokimiyat – Department of International Relations",
     "administration;culture", "", ""),
    ("nuu_tashkent", I, "tashkent", "National University of Uzbekistan",
     "science", "NUUz", ""),
    # --- Windhoek (one association plus one person; no business) ----------------
    ("windhoek_city_council", I, "windhoek", "City of Windhoek",
     "administration;youth;climate;culture", "", ""),
    ("nust", I, "windhoek", "Namibia University of Science and Technology",
     "science;youth", "NUST", ""),
]

# ---------------------------------------------------------------------------
# People (fictional). id, name, organisation, role, member since, member until,
# themes. Their city is their organisation's city.
# ---------------------------------------------------------------------------

PEOPLE = [
    ("p001", "Aziza Rahimova-Klein", "skzl_protocol", "desk officer, Central Asia (Tashkent partnership)", 2008, None, "administration;culture"),
    ("p002", "Marlene Hoveka-Schulz", "ngo_windhoek_partnership", "chair", 2003, None, "youth;culture"),
    ("p003", "Katarzyna Wendt-Oduya", "fu_berlin", "head of international office", 2001, None, "science"),
    ("p004", "Tobias Albrecht-Nguyen", "berlin_partner", "head of Asia-Pacific desk", 2009, None, "business"),
    ("p005", "Selin Aydın-Berger", "ihk_berlin", "head of foreign trade", 2007, None, "business;integration"),
    ("p006", "Amara Okafor-Lindner", "goethe_institut", "head of cultural programmes", 2010, None, "culture"),
    ("p007", "Astrid Lindqvist", "daad", "desk officer, East Asia and Latin America", 2004, None, "science"),
    ("p008", "Deniz Yıldırım-Kraus", "lmb_integration", "policy officer, migrant organisations", 2011, None, "integration"),
    ("p009", "Friederike Obst-Mahlow", "sen_umwelt", "climate diplomacy officer", 2016, None, "climate"),
    ("p010", "Lukas Brennecke-Ortiz", "bvg", "international projects manager", 2012, None, "transport"),
    ("p011", "Oksana Melnyk-Baumann", "skzl_protocol", "Kyiv partnership coordinator", 2022, None, "administration;urban_development"),
    ("p012", "Paulina Zielińska-Roth", "ngo_dt_poln_ges", "managing director", 1999, None, "youth;culture"),
    ("p013", "Camille Duret-Weiß", "dfjw", "programme officer, city partnerships", 2009, None, "youth"),
    ("p014", "Rafael Montoya-Krüger", "tu_berlin", "professor of transport planning", 2008, None, "transport;science"),
    ("p015", "Sven Aaltonen-Rieck", "berliner_energieagentur", "head of international projects", 2014, None, "climate"),
    ("p016", "Ingrid Falkenrath-Osei", "kammergericht", "judge, international legal cooperation", 2003, None, "justice"),
    ("p017", "Thomas Wübbena-Kiss", "landessportbund", "youth sport coordinator", 1995, None, "sport;youth"),
    ("p018", "Nadia Benali-Hofmann", "hkw", "curator", 2010, None, "culture"),
    ("p019", "Jan-Erik Sommerfeld", "hu_berlin", "vice president for international affairs", 1998, None, "science"),
    ("p020", "Greta Vollmer-Sidorenko", "ngo_dra", "programme director", 2004, None, "culture;youth"),
    ("p021", "Matthias Quandtner-Ruiz", "sen_wirtschaft", "desk officer, foreign trade (Latin America)", 1996, None, "business"),
    ("p022", "Yuki Hartwig-Sato", "ngo_jdzb", "programme manager, science", 2008, None, "science;culture"),
    ("p023", "Bekzod Tursunaliev", "tashkent_khokimiyat", "head of international relations", 2009, None, "administration"),
    ("p024", "Ndapewa Amutenya-Garoeb", "windhoek_city_council", "partnership officer", 2004, None, "youth;administration"),
    ("p025", "Siti Rahmawati Hasibuan", "universitas_indonesia", "lecturer, environmental engineering", 2008, None, "science;climate"),
    ("p026", "Bagus Wirananda-Putra", "jakarta_gov", "head of climate adaptation unit", 2018, None, "climate"),
    ("p027", "Dewi Kusumastuti-Lange", "rujak", "programme lead", 2012, None, "urban_development;culture"),
    ("p028", "Zhou Mingyu", "peking_university", "dean, international cooperation", 2004, None, "science"),
    ("p029", "Aoi Takemura-Ebert", "utokyo", "associate professor, urban engineering", 2002, None, "science"),
    ("p030", "Valeria Ochoa Reyes", "unam", "coordinator, international programmes", 2010, None, "science"),
    ("p031", "Emilio Sandoval Pérez-Lutz", "cdmx_semovi", "director of planning", 2015, None, "transport"),
    ("p032", "Claire Moreau-Lenoir", "paris_city_hall", "officer, European partnerships", 2008, None, "culture;youth"),
    ("p033", "Bartosz Wierzbicki-Nowak", "warsaw_city_hall", "head of youth exchange office", 2000, None, "youth"),
    ("p034", "Priya Raman-Hughes", "gla", "international relations manager", 2013, None, "business;culture"),
    ("p035", "Eliška Horáková-Veselá", "prague_court", "judge", 2003, None, "justice"),
    ("p036", "Elif Demirtaş-Aksoy", "ibb_istanbul", "coordinator, city diplomacy", 2009, None, "integration;culture"),
    ("p037", "Taras Hnatyuk-Levchenko", "kyiv_city_admin", "deputy head, international cooperation", 2021, None, "urban_development;administration"),
    ("p038", "Iryna Bondarenko-Shevchuk", "kyiv_court", "judge", 2019, None, "justice"),
    ("p039", "Martín Echeverría Sosa", "ba_city_gov", "trade promotion officer", 1997, 2013, "business"),
    ("p040", "Zsófia Kertész-Varga", "budapest_sports_office", "head of youth sport", 1995, 2011, "sport"),
    ("p041", "Marcus Delgado-Whitfield", "la_mayors_office", "trade and investment lead", 2012, None, "business"),
    ("p042", "Pilar Arrieta Goñi", "madrid_city_council", "cultural programmes officer", 2011, None, "culture"),
    ("p043", "Pieter Van den Broeck-Lemaire", "brussels_international", "EU liaison officer", 2010, None, "administration"),
    ("p044", "Anastasia Voronova-Lind", "msu", "head of international office", 2006, 2022, "science"),
    ("p045", "Kwame Asante-Richter", "ngo_youth_exchange", "coordinator", 2012, None, "youth"),
    ("p046", "Hana Novák-Schreiber", "sen_kultur", "desk officer, international cultural exchange", 2005, None, "culture"),
    ("p047", "Ayşe Karakaya-Morgenstern", "ngo_tbb", "project lead", 2006, None, "integration"),
    ("p048", "Björn Ekdahl-Mensah", "sen_justiz", "head of European and international affairs", 2010, None, "justice"),
]

# Second memberships: person, organisation, role, since, until
EXTRA_MEMBERSHIPS = [
    ("p011", "ngo_ukraine_community", "board member", 2016, None),
    ("p020", "ngo_ukraine_community", "advisory board", 2022, None),
    ("p003", "daad", "selection committee member", 2012, None),
    ("p006", "hkw", "programme advisory board", 2015, None),
    ("p012", "dpjw", "council member", 2010, 2018),
    ("p014", "giz", "external expert", 2019, None),
]

# KNOWS: a, b, since, until, weight (closeness 1-5)
KNOWS = [
    ("p003", "p025", 2010, None, 4), ("p003", "p028", 2006, None, 3),
    ("p003", "p029", 2003, None, 4), ("p003", "p030", 2012, None, 3),
    ("p003", "p019", 1999, None, 4), ("p003", "p007", 2004, None, 5),
    ("p003", "p014", 2008, None, 3), ("p004", "p005", 2011, None, 4),
    ("p004", "p034", 2015, None, 3), ("p004", "p041", 2013, None, 2),
    ("p005", "p036", 2009, None, 3), ("p006", "p027", 2014, None, 3),
    ("p006", "p018", 2010, None, 4), ("p006", "p007", 2012, None, 3),
    ("p009", "p026", 2019, None, 4), ("p009", "p015", 2016, None, 4),
    ("p010", "p031", 2016, None, 4), ("p010", "p014", 2012, None, 3),
    ("p014", "p031", 2017, None, 3), ("p011", "p037", 2022, None, 5),
    ("p016", "p038", 2023, None, 3), ("p016", "p035", 2004, None, 4),
    ("p016", "p048", 2010, None, 4), ("p012", "p033", 2001, None, 5),
    ("p013", "p032", 2009, None, 4), ("p013", "p012", 2016, None, 2),
    ("p017", "p040", 1997, 2009, 3), ("p017", "p036", 2011, None, 2),
    ("p021", "p039", 1998, 2013, 3), ("p020", "p044", 2011, 2022, 3),
    ("p020", "p011", 2022, None, 4), ("p001", "p023", 2010, None, 5),
    ("p002", "p024", 2006, None, 5), ("p025", "p026", 2015, None, 3),
    ("p025", "p029", 2017, None, 2), ("p030", "p031", 2018, None, 2),
    ("p037", "p033", 2022, None, 3), ("p042", "p032", 2014, None, 2),
    ("p043", "p034", 2016, None, 2), ("p022", "p029", 2010, None, 3),
    ("p008", "p036", 2012, None, 3), ("p008", "p047", 2011, None, 4),
    ("p045", "p034", 2014, None, 2), ("p045", "p012", 2018, None, 3),
    ("p001", "p011", 2022, None, 3), ("p046", "p018", 2011, None, 3),
    ("p046", "p042", 2013, None, 2), ("p046", "p035", 2008, 2016, 1),
]

# ---------------------------------------------------------------------------
# Projects: id, name, themes, since, until, description, lead, partners, funders
# A partner written "id@YEAR" joined in YEAR.
# ---------------------------------------------------------------------------

PROJECTS = [
    ("prj_climate_jakarta_2019", "Jakarta–Berlin Climate Resilience Partnership", "climate;urban_development", 2019, None,
     "Urban heat and flood resilience: exchange of city planners and climate adaptation staff.",
     "sen_umwelt", ["jakarta_gov", "universitas_indonesia", "rujak", "berliner_energieagentur@2021", "fu_berlin"], ["bmz"]),
    ("prj_transport_jakarta_2021", "Electric Bus Rapid Transit Exchange Berlin–Jakarta", "transport;climate", 2021, 2025,
     "Operators share experience electrifying bus fleets and depots.",
     "bvg", ["transjakarta", "jakarta_gov", "tu_berlin"], ["giz"]),
    ("prj_transport_mexico_city_2016", "Metro and Bus Network Planning Exchange Berlin–Mexico City", "transport", 2016, 2023,
     "Network planning, timetabling and accessibility know-how between BVG and CDMX.",
     "bvg", ["cdmx_semovi", "metro_cdmx", "tu_berlin@2018"], ["sen_umwelt"]),
    ("prj_science_beijing_2008", "Berlin–Beijing Joint Research Platform on Urban Sciences", "science;urban_development", 2008, None,
     "Joint doctoral programme and research visits.",
     "fu_berlin", ["peking_university", "tsinghua@2012"], ["daad", "bmbf"]),
    ("prj_science_tokyo_2012", "Berlin–Tokyo Research Alliance on Ageing Cities", "science", 2012, None,
     "Research alliance and summer schools on demographic change in cities.",
     "fu_berlin", ["utokyo", "waseda@2016", "ngo_jdzb"], ["bmbf"]),
    ("prj_science_mexico_city_2018", "Graduate School on Urban Environments (Berlin–Mexico City)", "science;climate", 2018, None,
     "Bi-national graduate school with co-supervised doctorates.",
     "fu_berlin", ["unam"], ["daad"]),
    ("prj_youth_warsaw_1998", "Berlin–Warsaw Youth Exchange Programme", "youth;culture", 1998, None,
     "School and youth group exchanges between the two capitals.",
     "sen_bildung", ["warsaw_city_hall", "ngo_landesjugendring", "robert_jungk_school", "ngo_dt_poln_ges"], ["dpjw"]),
    ("prj_youth_paris_1995", "Berlin–Paris School and Youth Exchange", "youth;culture", 1995, None,
     "Class exchanges, teacher visits and joint youth festivals.",
     "sen_bildung", ["paris_city_hall", "franz_gymnasium", "ngo_berlin_paris_club"], ["dfjw"]),
    ("prj_youth_weimar_2016", "Weimar Triangle Youth Forum (Berlin–Paris–Warsaw)", "youth;integration", 2016, None,
     "Annual trilateral youth forum on democracy and diversity.",
     "ngo_landesjugendring", ["paris_city_hall", "warsaw_city_hall", "ngo_youth_exchange"], ["dfjw", "dpjw"]),
    ("prj_justice_kyiv_2023", "Berlin–Kyiv Judicial Exchange", "justice;administration", 2023, None,
     "Exchange of judges and court administrators; case-management systems.",
     "sen_justiz", ["kammergericht", "kyiv_court"], ["auswaertiges_amt"]),
    ("prj_justice_prague_2004", "Berlin–Prague Court Administration Twinning", "justice", 2004, 2012,
     "Twinning of court administrations ahead of and after EU accession.",
     "kammergericht", ["prague_court", "sen_justiz"], []),
    ("prj_rebuild_kyiv_2023", "Kyiv Recovery and Urban Planning Partnership", "urban_development;administration", 2023, None,
     "Planning support, municipal equipment and staff exchange for Kyiv's recovery.",
     "sen_stadtentwicklung", ["kyiv_city_admin", "kyiv_genplan", "tu_berlin", "bsr@2024"], ["auswaertiges_amt", "giz"]),
    ("prj_culture_kyiv_2022", "Kyiv Artists' Residency Programme", "culture", 2022, 2025,
     "Residencies in Berlin for artists from Kyiv and joint exhibitions.",
     "sen_kultur", ["mystetskyi_arsenal", "udk_berlin", "goethe_institut"], ["sen_kultur"]),
    ("prj_sport_budapest_1996", "Berlin–Budapest Youth Sports Games", "sport;youth", 1996, 2009,
     "Biennial youth sports games alternating between the two cities.",
     "landessportbund", ["budapest_sports_office", "ngo_sc_spree"], ["sen_inneres"]),
    ("prj_sport_istanbul_2010", "Street Football for Integration Berlin–Istanbul", "sport;integration;youth", 2010, None,
     "Street football tournaments and coach exchanges in diverse neighbourhoods.",
     "ngo_streetfootball", ["ibb_istanbul", "kadikoy_municipality", "landessportbund@2013"], ["lmb_integration"]),
    ("prj_culture_buenos_aires_2001", "Tango and Contemporary Music Exchange Berlin–Buenos Aires", "culture", 2001, 2013,
     "Musicians' exchange and joint concerts.",
     "berliner_festspiele", ["teatro_colon", "ngo_dt_argentina"], ["sen_kultur"]),
    ("prj_business_buenos_aires_1997", "SME Trade Desk Berlin–Buenos Aires", "business", 1997, 2008,
     "A trade desk matching small and medium-sized enterprises.",
     "sen_wirtschaft", ["ba_city_gov", "ihk_berlin"], []),
    ("prj_culture_moscow_2005", "Berlin–Moscow Museum Dialogue", "culture", 2005, 2022,
     "Joint exhibitions and curator exchanges; suspended in 2022.",
     "spk", ["pushkin_museum", "ngo_dra"], ["auswaertiges_amt"]),
    ("prj_science_moscow_2010", "Berlin–Moscow Mathematics Fellowship", "science", 2010, 2022,
     "Fellowships for young mathematicians; ended in 2022.",
     "hu_berlin", ["msu"], ["daad"]),
    ("prj_integration_istanbul_2006", "Neighbourhood Integration Network Kreuzberg–Kadıköy", "integration;culture", 2006, None,
     "District-level exchange on neighbourhood work, migration and culture.",
     "bezirksamt_fk", ["kadikoy_municipality", "ngo_tbb", "iksv@2014"], ["lmb_integration"]),
    ("prj_youth_london_2014", "Berlin–London Young Creatives Exchange", "youth;culture", 2014, None,
     "Exchange of young artists and creative-industry apprentices.",
     "ngo_youth_exchange", ["barbican", "gla", "udk_berlin"], ["ngo_bosch"]),
    ("prj_startup_london_2015", "Berlin–London Startup Bridge", "business", 2015, None,
     "Soft-landing programme for start-ups in both cities.",
     "berlin_partner", ["london_partners", "ihk_berlin", "london_chamber"], ["sen_wirtschaft"]),
    ("prj_business_paris_2017", "Paris–Berlin Tech Corridor", "business;science", 2017, None,
     "Start-up and research-transfer corridor between the two capitals.",
     "berlin_partner", ["cci_paris", "ihk_berlin", "sorbonne@2019"], ["ibb"]),
    ("prj_climate_paris_2016", "Paris–Berlin Building Retrofit Dialogue", "climate;urban_development", 2016, None,
     "Peer learning on energy retrofits of public buildings.",
     "berliner_energieagentur", ["agence_climat_paris", "sen_stadtentwicklung", "paris_city_hall"], ["umweltbundesamt"]),
    ("prj_climate_los_angeles_2018", "Berlin–Los Angeles Zero-Emission Mobility Dialogue", "climate;transport", 2018, 2024,
     "Exchange on zero-emission bus fleets and climate targets.",
     "sen_umwelt", ["la_mayors_office", "la_metro", "bvg", "ucla@2020"], []),
    ("prj_windhoek_school_2004", "Berlin–Windhoek School and Youth Partnership", "youth;culture", 2004, None,
     "School partnerships, youth visits and volunteering, run by the partnership association.",
     "ngo_windhoek_partnership", ["windhoek_city_council", "nust@2010", "p002"], []),
    ("prj_admin_brussels_2012", "EU Affairs Trainee Exchange Berlin–Brussels", "administration", 2012, None,
     "Trainee exchange of civil servants on EU affairs.",
     "berlin_eu_office", ["brussels_international", "verwaltungsakademie"], []),
    ("prj_culture_prague_1999", "Berlin–Prague Literature and Theatre Days", "culture", 1999, None,
     "Annual literature and theatre days alternating between the cities.",
     "deutsches_theater", ["prague_city_hall", "zlb@2005"], ["czech_german_fund"]),
    ("prj_youth_kyiv_2024", "Berlin–Kyiv Youth Resilience Camps", "youth;integration", 2024, 2026,
     "Summer camps in Berlin for young people from Kyiv, with Berlin peers.",
     "ngo_ukraine_community", ["kyiv_city_admin", "ngo_landesjugendring"], ["sen_bildung"]),
]

# ---------------------------------------------------------------------------
# Hand-placed cooperation ties (the built-in findings)
# source, target, themes, since, until, weight
# ---------------------------------------------------------------------------

COOPERATION = [
    # science broker: FU Berlin links Berlin's science scene to Asia and Mexico City
    ("fu_berlin", "universitas_indonesia", "science", 2009, None, 4),
    ("fu_berlin", "peking_university", "science", 2005, None, 4),
    ("fu_berlin", "tsinghua", "science;urban_development", 2014, None, 3),
    ("fu_berlin", "utokyo", "science", 2001, None, 5),
    ("fu_berlin", "waseda", "science;culture", 2016, None, 2),
    ("fu_berlin", "unam", "science;climate", 2011, None, 4),
    ("fu_berlin", "hu_berlin", "science", 1994, None, 4),
    ("fu_berlin", "tu_berlin", "science", 1996, None, 3),
    ("fu_berlin", "charite", "science", 2003, None, 5),
    ("fu_berlin", "wzb", "science;integration", 2008, None, 2),
    ("fu_berlin", "ngo_einstein", "science", 2010, None, 3),
    ("fu_berlin", "sen_wissenschaft", "science", 1999, None, 3),
    ("fu_berlin", "daad", "science", 1992, None, 4),
    ("fu_berlin", "ngo_jdzb", "science", 2006, None, 2),
    ("fu_berlin", "goethe_institut", "culture;science", 2013, None, 2),
    ("fu_berlin", "bmbf", "science", 2004, None, 3),
    # business brokers: Berlin Partner and IHK Berlin
    ("berlin_partner", "ccpit_beijing", "business", 2004, None, 4),
    ("berlin_partner", "kadin_jakarta", "business", 2011, None, 3),
    ("berlin_partner", "la_mayors_office", "business", 2013, None, 3),
    ("berlin_partner", "london_partners", "business", 2008, None, 4),
    ("berlin_partner", "cci_paris", "business", 2006, None, 3),
    ("berlin_partner", "tokyo_chamber", "business", 2026, None, 2),
    ("berlin_partner", "cdmx_international", "business", 2017, None, 2),
    ("berlin_partner", "warsaw_chamber", "business", 2012, None, 3),
    ("berlin_partner", "sen_wirtschaft", "business", 1994, None, 5),
    ("berlin_partner", "ibb", "business", 2003, None, 4),
    ("berlin_partner", "wista", "business;science", 2005, None, 3),
    ("berlin_partner", "technologiestiftung", "business;science", 2010, None, 3),
    ("berlin_partner", "ihk_berlin", "business", 1995, None, 4),
    ("ihk_berlin", "istanbul_chamber", "business", 1998, None, 4),
    ("ihk_berlin", "warsaw_chamber", "business", 1994, None, 4),
    ("ihk_berlin", "london_chamber", "business", 2001, None, 3),
    ("ihk_berlin", "tokyo_chamber", "business", 2009, None, 2),
    ("ihk_berlin", "hwk_berlin", "business;youth", 1992, None, 4),
    ("ihk_berlin", "messe_berlin", "business", 2000, None, 3),
    ("ihk_berlin", "ngo_tbb", "business;integration", 2016, None, 2),
    # culture broker: Goethe-Institut
    ("goethe_institut", "jakarta_arts_council", "culture", 2007, None, 4),
    ("goethe_institut", "arts_council_tokyo", "culture", 2012, None, 3),
    ("goethe_institut", "ncpa_beijing", "culture", 2010, None, 3),
    ("goethe_institut", "cdmx_culture", "culture", 2014, None, 3),
    ("goethe_institut", "mystetskyi_arsenal", "culture", 2022, None, 4),
    ("goethe_institut", "teatro_colon", "culture", 1999, 2012, 2),
    ("goethe_institut", "hkw", "culture", 2003, None, 4),
    ("goethe_institut", "udk_berlin", "culture", 2008, None, 3),
    ("goethe_institut", "berliner_festspiele", "culture", 2011, None, 3),
    ("goethe_institut", "auswaertiges_amt", "culture", 1995, None, 5),
    ("goethe_institut", "daad", "culture;science", 2001, None, 4),
    ("goethe_institut", "sen_kultur", "culture", 2009, None, 2),
    ("daad", "peking_university", "science", 1994, None, 3),
    ("daad", "unam", "science", 2001, None, 3),
    ("daad", "auswaertiges_amt", "science", 1990, None, 5),
    ("daad", "bmbf", "science", 1998, None, 4),
    # Tashkent: every tie runs through one desk officer (p001)
    ("p001", "tashkent", "administration;culture", 2009, None, 3),
    ("p001", "tashkent_khokimiyat", "administration", 2009, None, 3),
    ("p001", "nuu_tashkent", "science;culture", 2014, None, 2),
    ("tashkent_khokimiyat", "nuu_tashkent", "science", 2012, None, 2),
    ("p001", "sen_kultur", "culture", 2010, None, 2),
    ("p001", "daad", "science", 2014, None, 2),
    # Windhoek: one association plus its chair (p002)
    ("ngo_windhoek_partnership", "windhoek", "administration;culture", 2000, None, 3),
    ("ngo_windhoek_partnership", "windhoek_city_council", "youth;culture", 2001, None, 4),
    ("ngo_windhoek_partnership", "nust", "science;youth", 2008, None, 2),
    ("ngo_windhoek_partnership", "windhoek_city_council", "climate", 2019, None, 2),
    ("p002", "windhoek_city_council", "youth", 2005, None, 3),
    ("ngo_windhoek_partnership", "skzl_protocol", "administration", 2000, None, 2),
    ("ngo_windhoek_partnership", "sen_bildung", "youth", 2004, None, 2),
    ("windhoek_city_council", "nust", "science;climate", 2015, None, 2),
    # Moscow: suspended in 2022
    ("skzl_protocol", "moscow_gov", "administration", 1990, 2022, 3),
    ("skzl_protocol", "moscow", "administration;culture", 1991, 2022, 2),
    ("ngo_dra", "msu", "youth;culture", 1995, 2014, 2),
    ("ngo_dra", "moscow_gov", "culture", 2003, 2022, 2),
    ("hu_berlin", "msu", "science", 1992, 2022, 3),
    # Kyiv: recent and dense
    ("skzl_protocol", "kyiv_city_admin", "administration", 2022, None, 5),
    ("p011", "kyiv_city_admin", "administration;urban_development", 2022, None, 4),
    ("sen_stadtentwicklung", "kyiv_genplan", "urban_development", 2023, None, 4),
    ("bsr", "kyiv_city_admin", "urban_development;climate", 2023, None, 3),
    ("bvg", "kyivpastrans", "transport", 2022, None, 4),
    ("polizei_akademie", "kyiv_court", "justice", 2024, None, 2),
    ("ngo_ukraine_community", "kyiv_city_admin", "integration;youth", 2022, None, 3),
    ("ngo_dra", "kyiv_mohyla", "culture;youth", 2022, None, 3),
    ("hu_berlin", "kyiv_university", "science", 2022, None, 3),
    ("charite", "kyiv_university", "science", 2022, None, 3),
    ("warsaw_city_hall", "kyiv_city_admin", "administration", 2022, None, 3),
    # partner city to partner city
    ("paris_city_hall", "warsaw_city_hall", "youth;culture", 2016, None, 2),
    ("universitas_indonesia", "utokyo", "science;climate", 2017, None, 2),
    ("unam", "ucla", "science", 2012, None, 2),
    ("gla", "paris_city_hall", "climate", 2015, None, 2),
    # the partnerships' administrative backbone
    ("sen_kultur", "paris_city_hall", "culture", 1990, None, 4),
    ("skzl_protocol", "paris_city_hall", "administration;culture", 1991, None, 4),
    ("skzl_protocol", "warsaw_city_hall", "administration;culture", 1992, None, 4),
    ("skzl_protocol", "gla", "administration;business", 2001, None, 3),
    ("skzl_protocol", "prague_city_hall", "administration;culture", 1996, None, 3),
    ("skzl_protocol", "ibb_istanbul", "administration;culture", 1990, None, 3),
    ("skzl_protocol", "beijing_fao", "administration", 1995, None, 3),
    ("skzl_protocol", "jakarta_gov", "administration;climate", 1994, None, 2),
    ("skzl_protocol", "cdmx_international", "administration", 1994, None, 2),
    ("skzl_protocol", "brussels_international", "administration", 1993, None, 2),
    ("skzl_protocol", "madrid_city_council", "culture", 1990, None, 2),
    ("skzl_protocol", "la_mayors_office", "administration", 1990, None, 2),
    ("skzl_protocol", "budapest_city_hall", "administration;culture", 1992, 2011, 2),
    ("skzl_protocol", "ba_city_gov", "administration", 1995, 2010, 2),
    ("skzl_protocol", "tokyo_env_bureau", "climate", 2018, None, 2),
    # integration, justice, sport, transport, climate
    ("bezirksamt_fk", "kadikoy_municipality", "integration;culture", 1996, None, 4),
    ("ngo_tbb", "ibb_istanbul", "integration", 2001, None, 3),
    ("ngo_tbb", "lmb_integration", "integration", 1992, None, 4),
    ("lmb_integration", "sen_integration", "integration", 2005, None, 4),
    ("kammergericht", "prague_court", "justice", 2003, 2013, 3),
    ("sen_justiz", "prague_court", "justice", 2014, None, 2),
    ("sen_justiz", "kammergericht", "justice", 1993, None, 5),
    ("landessportbund", "budapest_sports_office", "sport", 1993, 2009, 3),
    ("landessportbund", "ibb_istanbul", "sport;youth", 2008, None, 3),
    ("ngo_dt_hungary", "budapest_city_hall", "culture", 1992, 2012, 2),
    ("ngo_dt_argentina", "ba_city_gov", "culture;business", 1996, 2011, 2),
    ("sen_wirtschaft", "ba_city_gov", "business", 1995, 2008, 3),
    ("ngo_dt_indonesia", "jakarta_arts_council", "culture", 2002, None, 2),
    ("ngo_mexico_culture", "cdmx_culture", "culture;integration", 2009, None, 2),
    ("bvg", "tfl", "transport", 2004, None, 3),
    ("bvg", "metro_cdmx", "transport", 2014, None, 3),
    ("sen_umwelt", "tfl", "transport;climate", 2019, None, 2),
    ("ngo_boell", "rujak", "climate;urban_development", 2013, None, 3),
    ("ngo_germanwatch", "agence_climat_paris", "climate", 2016, None, 2),
    ("ngo_youth_climate", "gla", "climate;youth", 2021, None, 2),
]

# Second seats (BASED_IN beyond the `city` column): actor, city, since
SECOND_SEATS = [
    ("goethe_institut", "jakarta", 1990),
    ("daad", "mexico_city", 2001),
    ("dfjw", "paris", 1990),
    ("dpjw", "warsaw", 1993),
    ("berlin_eu_office", "brussels", 1990),
]

# WORKS_ON rows that add a period (actor or project, theme, since, until)
WORKS_ON = [
    ("berlin", "climate", 2019, None),
    ("fu_berlin", "climate", 2015, None),
    ("tu_berlin", "climate", 2010, None),
    ("berlin_partner", "climate", 2020, None),
    ("bvg", "climate", 2019, None),
    ("ihk_berlin", "integration", 2016, None),
    ("skzl_protocol", "climate", 2021, None),
    ("goethe_institut", "integration", 2015, None),
    ("hkw", "climate", 2019, None),
    ("landessportbund", "integration", 2015, None),
    ("sen_bildung", "integration", 2015, None),
    ("ngo_dra", "integration", 2022, None),
    ("ngo_dra", "culture", 1992, 2022),
    ("paris_city_hall", "climate", 2015, None),
    ("warsaw_city_hall", "climate", 2019, None),
    ("kyiv_city_admin", "climate", 2024, None),
    ("jakarta_gov", "transport", 2015, None),
    ("ucl", "urban_development", 2012, None),
    ("prj_youth_warsaw_1998", "integration", 2016, None),
    ("prj_youth_paris_1995", "climate", 2020, None),
    ("prj_sport_istanbul_2010", "culture", 2018, None),
]

# ---------------------------------------------------------------------------
# Randomly filled background activity, shaped per partner city
# ---------------------------------------------------------------------------

# city: (number of ties, {theme: weight}, since_lo, since_hi, mode)
# mode: "open" (may be ongoing), "moscow" (ends <= 2022), "dormant" (ends <= 2015)
CITY_PROFILES = {
    "paris": (22, {"culture": 4, "youth": 4, "integration": 3, "business": 2, "science": 2,
                   "climate": 2, "urban_development": 1, "sport": 1}, 1990, 2025, "open"),
    "warsaw": (20, {"youth": 4, "culture": 4, "integration": 3, "business": 2, "science": 2,
                    "urban_development": 1, "administration": 1, "climate": 1}, 1991, 2025, "open"),
    "london": (18, {"culture": 4, "youth": 3, "integration": 3, "business": 3, "science": 2,
                    "climate": 1, "transport": 1}, 2000, 2025, "open"),
    "prague": (16, {"culture": 4, "youth": 3, "integration": 2, "justice": 2, "science": 2,
                    "urban_development": 1, "administration": 1}, 1995, 2025, "open"),
    "istanbul": (18, {"culture": 4, "integration": 4, "youth": 3, "business": 2, "sport": 2,
                      "science": 1, "urban_development": 1}, 1990, 2025, "open"),
    "kyiv": (20, {"urban_development": 4, "administration": 4, "culture": 3, "justice": 2,
                  "science": 2, "youth": 2, "integration": 2, "transport": 1, "climate": 1},
             2022, 2025, "open"),
    "jakarta": (10, {"climate": 3, "urban_development": 2, "transport": 2, "science": 2,
                     "culture": 2, "business": 1}, 1993, 2025, "open"),
    "beijing": (8, {"science": 3, "business": 3, "culture": 2, "transport": 1}, 1994, 2025, "open"),
    "tokyo": (8, {"science": 3, "culture": 2, "business": 2, "climate": 1, "urban_development": 1},
              1994, 2025, "open"),
    "mexico_city": (8, {"transport": 2, "science": 2, "culture": 2, "business": 1, "climate": 1},
                    1993, 2025, "open"),
    "los_angeles": (5, {"business": 2, "culture": 2, "climate": 1, "science": 1}, 1990, 2025, "open"),
    "madrid": (4, {"culture": 2, "business": 1, "science": 1, "youth": 1}, 1990, 2025, "open"),
    "brussels": (5, {"administration": 2, "business": 1, "integration": 1, "culture": 1}, 1992, 2025, "open"),
    "moscow": (6, {"culture": 2, "science": 2, "administration": 1, "business": 1, "youth": 1},
               1990, 2019, "moscow"),
    "budapest": (4, {"sport": 2, "culture": 2, "science": 1, "youth": 1}, 1991, 2010, "dormant"),
    "buenos_aires": (4, {"business": 1, "culture": 2, "science": 1}, 1994, 2010, "dormant"),
}

# Berlin-side actors per theme (weights), used for the background ties.
BERLIN_POOLS = {
    "business": [("berlin_partner", 45), ("ihk_berlin", 35), ("hwk_berlin", 8),
                 ("sen_wirtschaft", 7), ("htw_berlin", 5)],
    "science": [("fu_berlin", 2), ("hu_berlin", 2), ("tu_berlin", 2), ("charite", 1), ("udk_berlin", 1),
                ("htw_berlin", 1), ("hwr_berlin", 1), ("bht_berlin", 1), ("wzb", 1), ("daad", 1)],
    "culture": [("hkw", 2), ("sen_kultur", 2), ("berliner_festspiele", 1), ("berliner_phil", 1),
                ("deutsches_theater", 1), ("udk_berlin", 1), ("zlb", 1), ("spk", 1),
                ("goethe_institut", 1), ("visitberlin", 1)],
    "climate": [("sen_umwelt", 3), ("berliner_energieagentur", 2), ("bsr", 1), ("bwb", 1),
                ("ngo_bund_berlin", 1), ("ngo_germanwatch", 1), ("ngo_boell", 1),
                ("umweltbundesamt", 1), ("ngo_youth_climate", 1), ("tu_berlin", 1)],
    "integration": [("lmb_integration", 2), ("sen_integration", 2), ("ngo_tbb", 1), ("bezirksamt_fk", 1),
                    ("bezirksamt_neukoelln", 1), ("zlb", 1), ("ngo_refugee_law_clinic", 1),
                    ("lpb_berlin", 1), ("landesamt_einwanderung", 1), ("ngo_bosch", 1)],
    "youth": [("sen_bildung", 3), ("ngo_landesjugendring", 2), ("ngo_youth_exchange", 2),
              ("franz_gymnasium", 1), ("robert_jungk_school", 1), ("lpb_berlin", 1),
              ("hwk_berlin", 1), ("ngo_bosch", 1)],
    "justice": [("sen_justiz", 3), ("kammergericht", 2), ("rak_berlin", 1), ("polizei_akademie", 1),
                ("ngo_refugee_law_clinic", 1)],
    "sport": [("landessportbund", 3), ("ngo_sc_spree", 2), ("sen_inneres", 1), ("ngo_streetfootball", 1)],
    "urban_development": [("sen_stadtentwicklung", 3), ("tu_berlin", 2), ("technologiestiftung", 1),
                          ("ngo_zukunft_berlin", 1), ("bezirksamt_fk", 1), ("bsr", 1), ("bwb", 1)],
    "transport": [("bvg", 3), ("vbb", 1), ("tu_berlin", 1), ("sen_umwelt", 1), ("bht_berlin", 1)],
    "administration": [("skzl_protocol", 3), ("verwaltungsakademie", 2), ("sen_inneres", 1),
                       ("berlin_eu_office", 1), ("berliner_feuerwehr", 1), ("landesamt_einwanderung", 1)],
}
# The far partner cities meet Berlin's science only through FU Berlin (and DAAD),
# and its culture mainly through the Goethe-Institut: this makes the brokers.
FAR_CITIES = ("jakarta", "beijing", "tokyo", "mexico_city")
FAR_POOLS = {
    "science": [("fu_berlin", 75), ("daad", 25)],
    "culture": [("goethe_institut", 60), ("hkw", 25), ("berliner_phil", 15)],
}
# City-specific additions to the pools.
POOL_EXTRAS = {
    ("paris", "youth"): [("dfjw", 4), ("franz_gymnasium", 2)],
    ("paris", "culture"): [("ngo_berlin_paris_club", 2)],
    ("warsaw", "youth"): [("dpjw", 4), ("ngo_dt_poln_ges", 2)],
    ("warsaw", "culture"): [("ngo_dt_poln_ges", 2)],
    ("istanbul", "integration"): [("ngo_tbb", 3)],
    ("kyiv", "culture"): [("ngo_ukraine_community", 2)],
    ("kyiv", "integration"): [("ngo_ukraine_community", 3)],
    ("moscow", "culture"): [("ngo_dra", 2)],
    ("moscow", "youth"): [("ngo_dra", 2)],
    ("budapest", "culture"): [("ngo_dt_hungary", 2)],
    ("buenos_aires", "culture"): [("ngo_dt_argentina", 2)],
    ("jakarta", "culture"): [("ngo_dt_indonesia", 2)],
    ("tokyo", "culture"): [("ngo_jdzb", 2)],
    ("mexico_city", "culture"): [("ngo_mexico_culture", 2)],
    ("brussels", "administration"): [("berlin_eu_office", 3)],
}
N_BERLIN_INTERNAL = 45
BERLIN_INTERNAL_THEMES = {"business": 3, "science": 3, "culture": 3, "climate": 3, "integration": 3,
                          "youth": 2, "justice": 1, "sport": 1, "urban_development": 2,
                          "transport": 1, "administration": 2}

# ---------------------------------------------------------------------------
# Built-in findings (checked after writing; documented in SOURCES.md)
# ---------------------------------------------------------------------------

TASHKENT_GATEKEEPER = "p001"
WINDHOEK_GATEKEEPERS = ("ngo_windhoek_partnership", "p002")
DORMANT_CITIES = {"budapest": 2015, "buenos_aires": 2015}
MOSCOW_END = 2022
KYIV_FROM = 2022
THEME_GAPS = [("istanbul", "climate"), ("madrid", "climate"), ("tokyo", "integration"),
              ("windhoek", "business")]

ACTOR_COLUMNS = ["id", "kind", "name", "city", "country", "themes", "aliases", "evidence",
                 "lat", "lon", "name_de", "website", "email"]
TIE_COLUMNS = ["source", "target", "type", "themes", "since", "until", "weight", "project",
               "role", "status", "evidence"]
PROJECT_COLUMNS = ["id", "name", "themes", "since", "until", "description", "evidence"]
THEME_COLUMNS = ["id", "label_en", "label_de", "priority", "description"]
TIE_TYPES = ["PARTNER_OF", "COOPERATES_WITH", "PARTICIPATES_IN", "FUNDS", "BASED_IN",
             "MEMBER_OF", "KNOWS", "WORKS_ON"]
KINDS = ["city", "institution", "federal_body", "ngo", "person"]
ORG_KINDS = ("institution", "federal_body", "ngo")


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def slug(text: str) -> str:
    return "_".join(fold(text).split())


def fold(text: str) -> str:
    """Lower-case ASCII fold (used for ids and e-mail addresses)."""
    special = {"ı": "i", "ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "đ": "d"}
    text = "".join(special.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ord(ch) < 128).lower()


def split_list(cell: str) -> list:
    return [part for part in (cell or "").split(";") if part]


def join_list(items) -> str:
    out = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return ";".join(out)


def canon_themes(items) -> str:
    wanted = [t for t in items if t]
    unknown = [t for t in wanted if t not in THEME_IDS]
    if unknown:
        raise SystemExit(f"make_sample: unknown theme(s) {unknown}")
    return ";".join(t for t in THEME_IDS if t in wanted)


def year(value) -> str:
    return "" if value is None else str(int(value))


def email_for(name: str, taken: dict) -> str:
    """Fictional address: first initial, dot, the rest of the name (folded)."""
    first, *rest = name.split()
    local = fold(first)[0] + "." + "-".join(fold(part) for part in rest)
    address = f"{local}@example.org"
    n = 2
    while address in taken:
        address = f"{local}{n}@example.org"
        n += 1
    taken[address] = name
    return address


def weighted(rng: random.Random, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights)[0]


def pick_year(rng: random.Random, lo: int, hi: int, slope: float = 3.0) -> int:
    """A year in [lo, hi], later years more likely (more activity recently)."""
    if hi <= lo:
        return lo
    years = list(range(lo, hi + 1))
    return rng.choices(years, weights=[1 + slope * (y - lo) / (hi - lo) for y in years])[0]


def pick_weight(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4, 5], weights=[2, 3, 3, 2, 1])[0]


# ---------------------------------------------------------------------------
# building
# ---------------------------------------------------------------------------

class Builder:
    def __init__(self, partners_path: Path):
        self.rng = random.Random(SEED)
        self.actors = []          # list of dicts (ACTOR_COLUMNS)
        self.actor = {}           # id -> dict
        self.projects = []
        self.project = {}
        self.ties = []
        self.tie_keys = {}
        self.partners = self._read_partners(partners_path)

    # -- input ------------------------------------------------------------
    @staticmethod
    def _read_partners(path: Path) -> list:
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as err:
            raise SystemExit(f"make_sample: cannot read partner table {path}: {err}") from err
        needed = {"city", "name_de", "aliases", "country", "signed", "status", "lat", "lon", "source"}
        if not rows or not needed <= set(rows[0]):
            raise SystemExit(f"make_sample: {path} lacks columns {sorted(needed - set(rows[0] if rows else []))}")
        for row in rows:
            # The last column (source) holds free text whose commas are not
            # quoted in the shared table; glue the overflow back together.
            row["source"] = ",".join([row["source"] or ""] + row.pop(None, []))
        return rows

    # -- actors -----------------------------------------------------------
    def add_actor(self, **values):
        row = {column: "" for column in ACTOR_COLUMNS}
        row.update({k: ("" if v is None else str(v)) for k, v in values.items()})
        if row["id"] in self.actor:
            raise SystemExit(f"make_sample: duplicate actor id {row['id']}")
        self.actors.append(row)
        self.actor[row["id"]] = row

    def build_actors(self):
        self.add_actor(id="berlin", kind="city", name="Berlin", country="Germany",
                       evidence="https://www.berlin.de/", lat="52.5200", lon="13.4050",
                       name_de="Berlin")
        self.city_country = {"berlin": "Germany"}
        for row in self.partners:
            cid = slug(row["city"])
            aliases = split_list(row["aliases"])
            if row["name_de"] != row["city"] and row["name_de"] not in aliases:
                aliases.insert(0, row["name_de"])
            self.add_actor(id=cid, kind="city", name=row["city"], country=row["country"],
                           aliases=join_list(aliases), evidence=row["source"],
                           lat=row["lat"], lon=row["lon"], name_de=row["name_de"])
            self.city_country[cid] = row["country"]
        for oid, kind, city, name, themes, aliases, website in ORGS:
            if city not in self.city_country:
                raise SystemExit(f"make_sample: {oid} sits in unknown city {city}")
            self.add_actor(id=oid, kind=kind, name=name, city=city,
                           country=self.city_country[city], themes=canon_themes(split_list(themes)),
                           aliases=aliases, evidence=ILLUSTRATIVE, website=website)
        taken = {}
        for pid, name, org, _role, _since, _until, themes in PEOPLE:
            city = self.actor[org]["city"]
            self.add_actor(id=pid, kind="person", name=name, city=city,
                           country=self.city_country[city], themes=canon_themes(split_list(themes)),
                           evidence=ILLUSTRATIVE, email=email_for(name, taken))

    # -- projects ---------------------------------------------------------
    def build_projects(self):
        for pid, name, themes, since, until, description, *_ in PROJECTS:
            row = {"id": pid, "name": name, "themes": canon_themes(split_list(themes)),
                   "since": year(since), "until": year(until), "description": description,
                   "evidence": ILLUSTRATIVE}
            self.projects.append(row)
            self.project[pid] = row

    # -- ties -------------------------------------------------------------
    def add_tie(self, source, target, type_, *, themes=(), since=None, until=None, weight=None,
                project="", role="", status="", evidence=ILLUSTRATIVE) -> bool:
        key = (source, type_, target, year(since), project)
        if key in self.tie_keys:
            return False
        row = {"source": source, "target": target, "type": type_,
               "themes": canon_themes(themes), "since": year(since), "until": year(until),
               "weight": "" if weight is None else str(int(weight)), "project": project,
               "role": role, "status": status, "evidence": evidence}
        self.tie_keys[key] = row
        self.ties.append(row)
        return True

    def build_ties(self):
        rng = self.rng
        # formal partnerships (public facts)
        for row in self.partners:
            self.add_tie("berlin", slug(row["city"]), "PARTNER_OF", since=int(row["signed"][:4]),
                         status=row["status"], evidence=row["source"])
        # hand-placed cooperation
        for source, target, themes, since, until, weight in COOPERATION:
            if not self.add_tie(source, target, "COOPERATES_WITH", themes=split_list(themes),
                                since=since, until=until, weight=weight):
                raise SystemExit(f"make_sample: duplicate hand-placed tie {source}->{target} {since}")
        # projects: participation, funding, cooperation within the project
        for pid, _name, themes, since, until, _desc, lead, partners, funders in PROJECTS:
            self.add_tie(lead, pid, "PARTICIPATES_IN", role="lead", weight=rng.choice([4, 5]))
            for entry in partners:
                member, _, joined = entry.partition("@")
                joined = int(joined) if joined else None
                self.add_tie(member, pid, "PARTICIPATES_IN", role="partner",
                             since=joined, weight=rng.choice([2, 3, 3, 4]))
                self.add_tie(lead, member, "COOPERATES_WITH", themes=split_list(themes),
                             since=joined or since, until=until, weight=rng.choice([2, 3, 4, 5]),
                             project=pid)
            for funder in funders:
                self.add_tie(funder, pid, "FUNDS", role="funder", weight=rng.choice([2, 3, 4, 5]))
        # second seats
        for actor, city, since in SECOND_SEATS:
            self.add_tie(actor, city, "BASED_IN", since=since)
        # people
        for pid, _name, org, role, since, until, _themes in PEOPLE:
            self.add_tie(pid, org, "MEMBER_OF", role=role, since=since, until=until)
        for pid, org, role, since, until in EXTRA_MEMBERSHIPS:
            self.add_tie(pid, org, "MEMBER_OF", role=role, since=since, until=until)
        for a, b, since, until, weight in KNOWS:
            self.add_tie(a, b, "KNOWS", since=since, until=until, weight=weight)
        for actor, theme, since, until in WORKS_ON:
            self.add_tie(actor, theme, "WORKS_ON", since=since, until=until)
        self._background_partner_ties()
        self._background_berlin_ties()

    def _orgs_in(self, city):
        return [a for a in self.actors if a["city"] == city and a["kind"] in ORG_KINDS]

    def _pool(self, city, theme):
        if city in FAR_CITIES and theme in FAR_POOLS:
            pool = list(FAR_POOLS[theme])
        else:
            pool = list(BERLIN_POOLS[theme])
        return pool + POOL_EXTRAS.get((city, theme), [])

    def _years(self, lo, hi, mode):
        rng = self.rng
        since = pick_year(rng, lo, hi)
        until = None
        if mode == "dormant":
            until = min(DORMANT_CITIES_LIMIT, since + rng.randint(2, 12))
        elif mode == "moscow":
            until = MOSCOW_END if rng.random() < 0.75 else rng.randint(since + 1, MOSCOW_END - 1)
        elif rng.random() < (0.1 if lo >= 2020 else 0.25):
            until = min(2025, since + rng.randint(1, 8))
        return since, max(until, since) if until is not None else None

    def _background_partner_ties(self):
        rng = self.rng
        for city, (count, theme_weights, lo, hi, mode) in CITY_PROFILES.items():
            orgs = self._orgs_in(city)
            themes = list(theme_weights.items())
            made, attempts = 0, 0
            while made < count and attempts < count * 50:
                attempts += 1
                theme = weighted(rng, themes)
                candidates = [o for o in orgs if theme in split_list(o["themes"])] or orgs[:1]
                target = rng.choice(candidates)["id"]
                source = weighted(rng, self._pool(city, theme))
                tie_themes = [theme]
                if rng.random() < 0.3:
                    other = weighted(rng, themes)
                    if other != theme and (other in split_list(self.actor[source]["themes"])
                                           or other in split_list(self.actor[target]["themes"])):
                        tie_themes.append(other)
                since, until = self._years(lo, hi, mode)
                if self.add_tie(source, target, "COOPERATES_WITH", themes=tie_themes, since=since,
                                until=until, weight=pick_weight(rng)):
                    made += 1
            if made < count:
                raise SystemExit(f"make_sample: could only place {made} of {count} ties for {city}")

    def _background_berlin_ties(self):
        rng = self.rng
        berlin_orgs = self._orgs_in("berlin")
        themes = list(BERLIN_INTERNAL_THEMES.items())
        made, attempts = 0, 0
        while made < N_BERLIN_INTERNAL and attempts < 5000:
            attempts += 1
            theme = weighted(rng, themes)
            candidates = [o["id"] for o in berlin_orgs if theme in split_list(o["themes"])]
            if len(candidates) < 2:
                continue
            source, target = rng.sample(candidates, 2)
            since = pick_year(rng, 1990, 2025)
            until = min(2025, since + rng.randint(2, 10)) if rng.random() < 0.2 else None
            if self.add_tie(source, target, "COOPERATES_WITH", themes=[theme], since=since,
                            until=until, weight=pick_weight(rng)):
                made += 1

    # -- output -----------------------------------------------------------
    def write(self, folder: Path):
        order = {t: i for i, t in enumerate(TIE_TYPES)}
        ties = sorted(self.ties, key=lambda r: (order[r["type"]], r["source"], r["target"],
                                                r["since"], r["project"]))
        write_csv(folder / "themes.csv", THEME_COLUMNS,
                  [dict(zip(THEME_COLUMNS, (tid, en, de, str(prio), desc)))
                   for tid, en, de, prio, desc in THEMES])
        write_csv(folder / "actors.csv", ACTOR_COLUMNS, self.actors)
        write_csv(folder / "projects.csv", PROJECT_COLUMNS, self.projects)
        write_csv(folder / "ties.csv", TIE_COLUMNS, ties)


DORMANT_CITIES_LIMIT = min(DORMANT_CITIES.values())


def write_csv(path: Path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n",
                                quoting=csv.QUOTE_MINIMAL, extrasaction="raise")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


# ---------------------------------------------------------------------------
# self-check: re-read the written files and verify them
# ---------------------------------------------------------------------------

ALLOWED = {
    "PARTNER_OF": ({"city"}, {"city"}),
    "COOPERATES_WITH": (set(KINDS), set(KINDS)),
    "PARTICIPATES_IN": (set(KINDS), {"project"}),
    "FUNDS": (set(KINDS), {"project"}),
    "BASED_IN": ({"institution", "federal_body", "ngo", "person"}, {"city"}),
    "MEMBER_OF": ({"person"}, {"institution", "federal_body", "ngo"}),
    "KNOWS": ({"person"}, {"person"}),
    "WORKS_ON": (set(KINDS) | {"project"}, {"theme"}),
}


def self_check(folder: Path) -> dict:
    problems = []

    def fail(message):
        problems.append(message)

    expected = {"themes.csv": THEME_COLUMNS, "actors.csv": ACTOR_COLUMNS,
                "projects.csv": PROJECT_COLUMNS, "ties.csv": TIE_COLUMNS}
    tables = {}
    for name, columns in expected.items():
        raw = (folder / name).read_bytes()
        if raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw:
            fail(f"{name}: BOM or CR line ending")
        header, rows = read_csv(folder / name)
        if header != columns:
            fail(f"{name}: header {header} != {columns}")
        tables[name] = rows
    themes, actors = tables["themes.csv"], tables["actors.csv"]
    projects, ties = tables["projects.csv"], tables["ties.csv"]

    # ids and kinds
    kind_of, seen = {}, {}
    for table, rows, kind in (("themes", themes, "theme"), ("actors", actors, None),
                              ("projects", projects, "project")):
        for row in rows:
            rid = row["id"]
            if not rid or rid != rid.strip() or rid.lower() != rid:
                fail(f"{table}: bad id {rid!r}")
            if rid in seen:
                fail(f"id {rid} used in {seen[rid]} and {table}")
            seen[rid] = table
            kind_of[rid] = kind or row["kind"]
    theme_ids = [t["id"] for t in themes]
    if theme_ids != THEME_IDS:
        fail(f"themes: ids {theme_ids}")
    for t in themes:
        if t["priority"] not in {"1", "2", "3"}:
            fail(f"theme {t['id']}: priority {t['priority']}")
    for tid in ("business", "science", "culture", "climate", "integration"):
        if int(next(t for t in themes if t["id"] == tid)["priority"]) < 2:
            fail(f"theme {tid} should be a priority")

    def check_themes(where, cell):
        for t in split_list(cell):
            if t not in theme_ids:
                fail(f"{where}: unknown theme {t}")
        if cell and (" " in cell or cell != ";".join(split_list(cell))):
            fail(f"{where}: badly formed list {cell!r}")

    def check_year(where, value):
        if value == "":
            return None
        if not (len(value) == 4 and value.isdigit()):
            fail(f"{where}: bad year {value!r}")
            return None
        return int(value)

    cities = [a["id"] for a in actors if a["kind"] == "city"]
    city_set = set(cities)
    actor_by_id = {a["id"]: a for a in actors}
    for a in actors:
        where = f"actor {a['id']}"
        if a["kind"] not in KINDS:
            fail(f"{where}: kind {a['kind']}")
        check_themes(where, a["themes"])
        if a["kind"] == "city":
            if a["city"] or not a["lat"] or not a["lon"] or not a["name_de"]:
                fail(f"{where}: city row needs lat, lon, name_de and no city")
            if a["evidence"] == ILLUSTRATIVE or not a["evidence"]:
                fail(f"{where}: city evidence must be the public source")
        else:
            if a["city"] not in city_set:
                fail(f"{where}: city {a['city']!r} is not a city")
            if a["lat"] or a["lon"] or a["name_de"]:
                fail(f"{where}: lat/lon/name_de are for cities only")
            if a["evidence"] != ILLUSTRATIVE:
                fail(f"{where}: evidence must be illustrative")
        if a["kind"] == "person":
            if not a["email"].endswith("@example.org") or a["website"] or a["aliases"]:
                fail(f"{where}: person needs an example.org e-mail, no website/aliases")
        elif a["email"]:
            fail(f"{where}: e-mail only for people")
    emails = [a["email"] for a in actors if a["email"]]
    if len(emails) != len(set(emails)):
        fail("e-mail addresses are not unique")
    if len(cities) != 19:
        fail(f"{len(cities)} cities, expected 19")

    project_years = {}
    for p in projects:
        where = f"project {p['id']}"
        check_themes(where, p["themes"])
        since, until = check_year(where, p["since"]), check_year(where, p["until"])
        if since is None or not YEAR_MIN <= since <= YEAR_MAX:
            fail(f"{where}: since {p['since']}")
        if until is not None and (until < (since or 0) or until > YEAR_MAX):
            fail(f"{where}: until {p['until']}")
        if p["evidence"] != ILLUSTRATIVE:
            fail(f"{where}: evidence")
        project_years[p["id"]] = (since, until)
    if not 20 <= len(projects) <= 30:
        fail(f"{len(projects)} projects, expected 20-30")

    # ties
    keys, exact = set(), set()
    based_in_extra = 0
    members = set()
    all_years = []
    for n, t in enumerate(ties, start=2):
        where = f"ties.csv line {n} ({t['source']} {t['type']} {t['target']})"
        if t["type"] not in ALLOWED:
            fail(f"{where}: unknown type")
            continue
        sk, tk = kind_of.get(t["source"]), kind_of.get(t["target"])
        if sk is None or tk is None:
            fail(f"{where}: unknown endpoint")
            continue
        allowed_sources, allowed_targets = ALLOWED[t["type"]]
        if sk not in allowed_sources or tk not in allowed_targets:
            fail(f"{where}: {sk} -> {tk} not allowed")
        if t["source"] == t["target"]:
            fail(f"{where}: self-tie")
        check_themes(where, t["themes"])
        since, until = check_year(where, t["since"]), check_year(where, t["until"])
        if t["type"] == "PARTNER_OF":
            if t["evidence"] == ILLUSTRATIVE or t["status"] not in {"active", "suspended"} or since is None:
                fail(f"{where}: partnership needs since, status and public evidence")
        else:
            if t["evidence"] != ILLUSTRATIVE:
                fail(f"{where}: evidence must be illustrative")
            for y in (since, until):
                if y is not None and not YEAR_MIN <= y <= YEAR_MAX:
                    fail(f"{where}: year {y} outside {YEAR_MIN}-{YEAR_MAX}")
                if y is not None:
                    all_years.append(y)
        if since is not None and until is not None and until < since:
            fail(f"{where}: until before since")
        if t["weight"] and t["weight"] not in {"1", "2", "3", "4", "5"}:
            fail(f"{where}: weight {t['weight']}")
        if t["type"] == "COOPERATES_WITH" and (not t["weight"] or not t["themes"] or since is None):
            fail(f"{where}: cooperation needs themes, since and weight")
        if t["project"]:
            if t["project"] not in project_years or t["type"] != "COOPERATES_WITH":
                fail(f"{where}: bad project {t['project']}")
            else:
                ps, pu = project_years[t["project"]]
                if (since is not None and since < ps) or (pu is not None and (until is None or until > pu)):
                    fail(f"{where}: years outside the project's")
        if t["type"] in {"PARTICIPATES_IN", "FUNDS"}:
            ps, pu = project_years[t["target"]]
            if since is not None and (since < ps or (pu is not None and since > pu)):
                fail(f"{where}: joins outside the project's years")
        role_ok = {"PARTICIPATES_IN": {"lead", "partner"}, "FUNDS": {"funder"}}
        if t["type"] in role_ok and t["role"] not in role_ok[t["type"]]:
            fail(f"{where}: role {t['role']!r}")
        if t["type"] == "MEMBER_OF":
            if not t["role"]:
                fail(f"{where}: membership needs a role")
            members.add(t["source"])
        if t["type"] == "BASED_IN":
            based_in_extra += 1
            if actor_by_id[t["source"]]["city"] == t["target"]:
                fail(f"{where}: repeats the actor's city column")
        if t["type"] != "PARTNER_OF" and t["status"]:
            fail(f"{where}: status is for partnerships only")
        key = (t["source"], t["type"], t["target"], t["since"], t["project"])
        if key in keys:
            fail(f"{where}: duplicate (source, type, target, since, project)")
        keys.add(key)
        row = tuple(t[c] for c in TIE_COLUMNS)
        if row in exact:
            fail(f"{where}: exact duplicate")
        exact.add(row)
    if based_in_extra > 5:
        fail(f"{based_in_extra} extra BASED_IN rows (max 5)")
    for a in actors:
        if a["kind"] == "person" and a["id"] not in members:
            fail(f"person {a['id']} has no MEMBER_OF")
    if all_years and (min(all_years) != YEAR_MIN or max(all_years) != YEAR_MAX):
        fail(f"illustrative years span {min(all_years)}-{max(all_years)}, expected {YEAR_MIN}-{YEAR_MAX}")
    partner_rows = [t for t in ties if t["type"] == "PARTNER_OF"]
    if sorted(t["target"] for t in partner_rows) != sorted(c for c in cities if c != "berlin") \
            or any(t["source"] != "berlin" for t in partner_rows):
        fail("PARTNER_OF must be berlin -> each partner city, once")

    # counts
    kind_counts = {k: sum(1 for a in actors if a["kind"] == k) for k in KINDS}
    type_counts = {k: sum(1 for t in ties if t["type"] == k) for k in TIE_TYPES}
    if len(actors) < 150:
        fail(f"only {len(actors)} actors")
    if len(ties) < 400:
        fail(f"only {len(ties)} ties")
    for k, v in list(kind_counts.items()) + list(type_counts.items()):
        if v == 0:
            fail(f"no {k}")

    # built-in findings
    problems.extend(check_findings(actors, projects, ties, project_years))
    if problems:
        shown = "\n  ".join(problems[:40])
        raise SystemExit(f"make_sample: self-check failed ({len(problems)} problems):\n  {shown}")
    return {"kinds": kind_counts, "types": type_counts, "actors": len(actors),
            "ties": len(ties), "projects": len(projects), "themes": len(themes)}


def check_findings(actors, projects, ties, project_years) -> list:
    problems = []
    home = {a["id"]: (a["id"] if a["kind"] == "city" else a["city"]) for a in actors}
    theme_ids = set(THEME_IDS)
    project_themes = {p["id"]: set(split_list(p["themes"])) for p in projects}
    participants = {p["id"]: [] for p in projects}
    for t in ties:
        if t["type"] in {"PARTICIPATES_IN", "FUNDS"}:
            participants[t["target"]].append(t["source"])

    def period(t):
        since = int(t["since"]) if t["since"] else None
        until = int(t["until"]) if t["until"] else None
        if t["type"] in {"PARTICIPATES_IN", "FUNDS"}:
            ps, pu = project_years[t["target"]]
            since = ps if since is None else since
            until = pu if until is None else until
        return since, until

    def cities_of(t):
        """Cities a tie touches (a project tie touches all its participants' cities)."""
        out = []
        for end in (t["source"], t["target"]):
            if end in home:
                out.append(home[end])
            elif end in participants:
                out.extend(home[p] for p in participants[end])
        return out

    def themes_of(t):
        themes = set(split_list(t["themes"]))
        for end in (t["source"], t["target"], t["project"]):
            themes |= project_themes.get(end, set())
        if t["target"] in theme_ids:
            themes.add(t["target"])
        return themes

    relevant = [t for t in ties if t["type"] != "PARTNER_OF"]
    # 1. Tashkent: besides the formal partnership, everything crossing into
    #    Tashkent touches the desk officer, and no project involves Tashkent.
    for t in relevant:
        source, target = t["source"], t["target"]
        if target in participants:
            if home[source] == "tashkent":
                problems.append(f"Tashkent actor {source} in project {target}")
            continue
        if target not in home or home[source] == home[target]:
            continue
        if "tashkent" in (home[source], home[target]):
            other = source if home[target] == "tashkent" else target
            if other != TASHKENT_GATEKEEPER:
                problems.append(f"Tashkent reached by {other} (only {TASHKENT_GATEKEEPER} may)")
    # 2. Windhoek: only the association and its chair reach it, also via projects.
    for t in relevant:
        ends = [e for e in (t["source"], t["target"]) if e in home]
        if len(ends) == 2 and t["target"] not in theme_ids and home[ends[0]] != home[ends[1]] \
                and "windhoek" in (home[ends[0]], home[ends[1]]):
            other = ends[0] if home[ends[1]] == "windhoek" else ends[1]
            if other not in WINDHOEK_GATEKEEPERS:
                problems.append(f"Windhoek reached by {other}")
    for pid, members in participants.items():
        if any(home[m] == "windhoek" for m in members):
            strangers = [m for m in members if home[m] != "windhoek" and m not in WINDHOEK_GATEKEEPERS]
            if strangers:
                problems.append(f"Windhoek project {pid} has {strangers}")
    # 3. dormant, suspended and recent partnerships (cross-city ties only)
    for t in relevant:
        if t["target"] in theme_ids:
            continue
        touched = cities_of(t)
        if len(set(touched)) < 2:
            continue
        since, until = period(t)
        for city, limit in DORMANT_CITIES.items():
            if city in touched and (until is None or until > limit):
                problems.append(f"dormant {city}: {t['source']} {t['type']} {t['target']} until {until}")
        if "moscow" in touched and (until is None or until > MOSCOW_END):
            problems.append(f"Moscow: {t['source']} {t['type']} {t['target']} until {until}")
        if "kyiv" in touched and (since is None or since < KYIV_FROM):
            problems.append(f"Kyiv: {t['source']} {t['type']} {t['target']} since {since}")
    if not any("moscow" in cities_of(t) and period(t)[1] == MOSCOW_END for t in relevant):
        problems.append("no Moscow tie ends in 2022")
    # 4. priority themes with no activity in some cities
    for city, theme in THEME_GAPS:
        for a in actors:
            if home[a["id"]] == city and theme in split_list(a["themes"]):
                problems.append(f"gap {city}/{theme}: actor {a['id']} lists it")
        for t in ties:
            if city in cities_of(t) and theme in themes_of(t) and t["type"] != "PARTNER_OF":
                problems.append(f"gap {city}/{theme}: {t['source']} {t['type']} {t['target']}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=Path, default=DEFAULT_PARTNERS,
                        help=f"partner-city table (default: {DEFAULT_PARTNERS})")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder to write the CSV files into (default: this script's folder)")
    args = parser.parse_args(argv)
    builder = Builder(args.partners)
    builder.build_actors()
    builder.build_projects()
    builder.build_ties()
    args.out.mkdir(parents=True, exist_ok=True)
    builder.write(args.out)
    summary = self_check(args.out)
    kinds = ", ".join(f"{k} {v}" for k, v in summary["kinds"].items())
    types = ", ".join(f"{k} {v}" for k, v in summary["types"].items())
    print(f"wrote {args.out}: {summary['actors']} actors ({kinds}); {summary['projects']} projects; "
          f"{summary['themes']} themes; {summary['ties']} ties ({types})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
