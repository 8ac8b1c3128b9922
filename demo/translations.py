"""French and Spanish for the reference meeting's content, and its honorifics in six languages.

Plain data, no Django: `FRENCH` and `SPANISH` map the English text of `demo/data.py` and
`demo/documents.py`, exactly as it stands there, to its translation; `HONORIFICS`,
`ORGANIZATIONS` and `CATEGORIES` give the names of the honorifics, organizations and document
categories by language code. Terms follow UNTERM and the UN's official French and Spanish
documents where they have them ("Dialogue de haut niveau sur les migrations internationales et
le développement", "Foro Mundial sobre Migración y Desarrollo"); people's names and the free-text
affiliations of the programme are not translated. French puts a no-break space before a colon.
"""

# The meeting's description is two paragraphs joined by a blank line; each is translated on its
# own and the joined text is keyed as data.py builds it.
_DESCRIPTION_EN = (
    "The Population Division of the Department of Economic and Social Affairs of the United "
    "Nations is organizing the Tenth Coordination Meeting on International Migration. The meeting "
    "is being held in response to General Assembly resolution 58/208 of 13 February 2004, which "
    "requests the Secretary-General to continue convening meetings to coordinate international "
    "migration activities.",
    "By bringing together entities of the United Nations system, other relevant "
    "intergovernmental organizations and civil society, the coordination meeting provides a "
    "unique opportunity to enhance interagency coherence, in particular in responding to the "
    "growing demand from Member States for activities and support on issues relating to "
    "multidimensional aspects of international migration and development.",
)
_DESCRIPTION_FR = (
    "La Division de la population du Département des affaires économiques et sociales de "
    "l'Organisation des Nations Unies organise la dixième Réunion de coordination sur les "
    "migrations internationales. La réunion se tient en application de la résolution 58/208 de "
    "l'Assemblée générale du 13 février 2004, dans laquelle l'Assemblée prie le Secrétaire "
    "général de continuer à convoquer des réunions afin de coordonner les activités relatives "
    "aux migrations internationales.",
    "En réunissant des entités du système des Nations Unies, d'autres organisations "
    "intergouvernementales compétentes et la société civile, la réunion de coordination offre une "
    "occasion unique de renforcer la cohérence interinstitutions, notamment pour répondre à la "
    "demande croissante des États Membres en matière d'activités et d'appui sur les questions "
    "relatives aux aspects multidimensionnels des migrations internationales et du "
    "développement.",
)
_DESCRIPTION_ES = (
    "La División de Población del Departamento de Asuntos Económicos y Sociales de las Naciones "
    "Unidas organiza la Décima Reunión de Coordinación sobre Migración Internacional. La reunión "
    "se celebra en respuesta a la resolución 58/208 de la Asamblea General, de 13 de febrero de "
    "2004, en la que se solicita al Secretario General que siga convocando reuniones para "
    "coordinar las actividades relativas a la migración internacional.",
    "Al reunir a entidades del sistema de las Naciones Unidas, otras organizaciones "
    "intergubernamentales pertinentes y la sociedad civil, la reunión de coordinación brinda una "
    "oportunidad única para mejorar la coherencia interinstitucional, en particular para "
    "responder a la creciente demanda de los Estados Miembros de actividades y apoyo en "
    "cuestiones relacionadas con los aspectos multidimensionales de la migración internacional y "
    "el desarrollo.",
)

# English source text -> translation. Keys are copied exactly from demo/data.py.
FRENCH: dict[str, str] = {
    # The meeting's venue and city (the country is named by CLDR).
    "United Nations Headquarters": "Siège de l'Organisation des Nations Unies",
    "New York": "New York",
    # The series and the meeting.
    "Coordination Meeting on International Migration": (
        "Réunion de coordination sur les migrations internationales"
    ),
    "Tenth Coordination Meeting on International Migration": (
        "Dixième Réunion de coordination sur les migrations internationales"
    ),
    "The Population Division of DESA brings together entities of the United Nations system, "
    "other intergovernmental organizations and civil society to coordinate their work on "
    "international migration and prepare the 2013 High-level Dialogue.": (
        "La Division de la population du DAES réunit des entités du système des Nations Unies, "
        "d'autres organisations intergouvernementales et la société civile afin de coordonner "
        "leurs travaux sur les migrations internationales et de préparer le Dialogue de haut "
        "niveau de 2013."
    ),
    _DESCRIPTION_EN[0]: _DESCRIPTION_FR[0],
    _DESCRIPTION_EN[1]: _DESCRIPTION_FR[1],
    "\n\n".join(_DESCRIPTION_EN): "\n\n".join(_DESCRIPTION_FR),
    "General Assembly resolution 58/208 of 13 February 2004, which requests the "
    "Secretary-General to continue convening meetings to coordinate international migration "
    "activities.": (
        "Résolution 58/208 de l'Assemblée générale du 13 février 2004, dans laquelle l'Assemblée "
        "prie le Secrétaire général de continuer à convoquer des réunions afin de coordonner les "
        "activités relatives aux migrations internationales."
    ),
    "The outcomes of the meeting will contribute to the report of the Secretary-General on "
    "international migration and development for the sixty-seventh session of the General "
    "Assembly.": (
        "Les résultats de la réunion contribueront au rapport du Secrétaire général sur les "
        "migrations internationales et le développement qui sera présenté à l'Assemblée générale "
        "à sa soixante-septième session."
    ),
    # Objectives.
    "Pursuant to resolution 65/170, to discuss the contributions of relevant entities of the "
    "United Nations system and other organizations to the preparations of the High-level Dialogue "
    "on International Migration and Development, which will be organized by the General Assembly "
    "during its sixty-eighth session in 2013.": (
        "Conformément à la résolution 65/170, débattre des contributions des entités compétentes "
        "du système des Nations Unies et d'autres organisations aux préparatifs du Dialogue de "
        "haut niveau sur les migrations internationales et le développement, que l'Assemblée "
        "générale organisera à sa soixante-huitième session, en 2013."
    ),
    "To examine the cooperation between international organizations and the 2011 and 2012 "
    "editions of the Global Forum on Migration and Development.": (
        "Examiner la coopération entre les organisations internationales et les éditions de 2011 "
        "et de 2012 du Forum mondial sur la migration et le développement."
    ),
    "To allow international organizations to exchange information on current activities and to "
    "present major new initiatives in the area of international migration.": (
        "Permettre aux organisations internationales d'échanger des informations sur leurs "
        "activités en cours et de présenter de nouvelles initiatives importantes dans le domaine "
        "des migrations internationales."
    ),
    # Sessions.
    "Morning session": "Séance du matin",
    "Afternoon session": "Séance de l'après-midi",
    # Agenda items and their segments, in the programme's order.
    "Opening of the meeting": "Ouverture de la réunion",
    "The Global Forum on Migration and Development": (
        "Le Forum mondial sur la migration et le développement"
    ),
    "The 2013 High-level Dialogue on International Migration and Development": (
        "Le Dialogue de haut niveau de 2013 sur les migrations internationales et le développement"
    ),
    "Reflections on the role and contribution of the Global Forum on Migration and Development "
    "to the 2013 High-level Dialogue": (
        "Réflexions sur le rôle et la contribution du Forum mondial sur la migration et le "
        "développement au Dialogue de haut niveau de 2013"
    ),
    "Preparing for the 2013 High-level Dialogue: A human rights perspective": (
        "Préparatifs en vue du Dialogue de haut niveau de 2013\u00a0: la perspective des droits "
        "de l'homme"
    ),
    "Reflections on the role and contribution of civil society to the 2013 High-level Dialogue": (
        "Réflexions sur le rôle et la contribution de la société civile au Dialogue de haut "
        "niveau de 2013"
    ),
    "International migration and development: regional dimensions and interagency coordination": (
        "Migrations internationales et développement\u00a0: dimensions régionales et "
        "coordination interinstitutions"
    ),
    "Strengthening national capacities to deal with international migration: Outcomes of a "
    "development account project": (
        "Renforcement des capacités nationales face aux migrations internationales\u00a0: "
        "résultats d'un projet financé par le Compte pour le développement"
    ),
    "Regional preparations for the 2013 High-level Dialogue: Towards a common agenda": (
        "Préparatifs régionaux en vue du Dialogue de haut niveau de 2013\u00a0: vers un "
        "programme commun"
    ),
    "Migration and development: Recent contributions to the evidence base": (
        "Migrations et développement\u00a0: contributions récentes à la base factuelle"
    ),
    "New initiatives on international migration and development": (
        "Nouvelles initiatives en matière de migrations internationales et de développement"
    ),
    "Selected presentations": "Sélection d'exposés",
    "Closing of the meeting": "Clôture de la réunion",
    # People's positions.
    "Special Rapporteur on the human rights of migrants": (
        "Rapporteur spécial sur les droits de l'homme des migrants"
    ),
    "Permanent Representative of Mexico to the United Nations": (
        "Représentant permanent du Mexique auprès de l'Organisation des Nations Unies"
    ),
    # The resolutions' titles (demo/documents.py RESOLUTIONS).
    "International migration and development (resolution 58/208 of 23 December 2003)": (
        "Migrations internationales et développement (résolution 58/208 du 23 décembre 2003)"
    ),
    "International migration and development (resolution 65/170 of 20 December 2010)": (
        "Migrations internationales et développement (résolution 65/170 du 20 décembre 2010)"
    ),
}

SPANISH: dict[str, str] = {
    # The meeting's venue and city (the country is named by CLDR).
    "United Nations Headquarters": "Sede de las Naciones Unidas",
    "New York": "Nueva York",
    # The series and the meeting.
    "Coordination Meeting on International Migration": (
        "Reunión de Coordinación sobre Migración Internacional"
    ),
    "Tenth Coordination Meeting on International Migration": (
        "Décima Reunión de Coordinación sobre Migración Internacional"
    ),
    "The Population Division of DESA brings together entities of the United Nations system, "
    "other intergovernmental organizations and civil society to coordinate their work on "
    "international migration and prepare the 2013 High-level Dialogue.": (
        "La División de Población del DAES reúne a entidades del sistema de las Naciones Unidas, "
        "otras organizaciones intergubernamentales y la sociedad civil para coordinar su labor en "
        "materia de migración internacional y preparar el Diálogo de alto nivel de 2013."
    ),
    _DESCRIPTION_EN[0]: _DESCRIPTION_ES[0],
    _DESCRIPTION_EN[1]: _DESCRIPTION_ES[1],
    "\n\n".join(_DESCRIPTION_EN): "\n\n".join(_DESCRIPTION_ES),
    "General Assembly resolution 58/208 of 13 February 2004, which requests the "
    "Secretary-General to continue convening meetings to coordinate international migration "
    "activities.": (
        "Resolución 58/208 de la Asamblea General, de 13 de febrero de 2004, en la que se "
        "solicita al Secretario General que siga convocando reuniones para coordinar las "
        "actividades relativas a la migración internacional."
    ),
    "The outcomes of the meeting will contribute to the report of the Secretary-General on "
    "international migration and development for the sixty-seventh session of the General "
    "Assembly.": (
        "Los resultados de la reunión contribuirán al informe del Secretario General sobre la "
        "migración internacional y el desarrollo que se presentará a la Asamblea General en su "
        "sexagésimo séptimo período de sesiones."
    ),
    # Objectives.
    "Pursuant to resolution 65/170, to discuss the contributions of relevant entities of the "
    "United Nations system and other organizations to the preparations of the High-level Dialogue "
    "on International Migration and Development, which will be organized by the General Assembly "
    "during its sixty-eighth session in 2013.": (
        "De conformidad con la resolución 65/170, debatir las contribuciones de las entidades "
        "pertinentes del sistema de las Naciones Unidas y otras organizaciones a los preparativos "
        "del Diálogo de alto nivel sobre la migración internacional y el desarrollo, que la "
        "Asamblea General organizará durante su sexagésimo octavo período de sesiones, en 2013."
    ),
    "To examine the cooperation between international organizations and the 2011 and 2012 "
    "editions of the Global Forum on Migration and Development.": (
        "Examinar la cooperación entre las organizaciones internacionales y las ediciones de 2011 "
        "y 2012 del Foro Mundial sobre Migración y Desarrollo."
    ),
    "To allow international organizations to exchange information on current activities and to "
    "present major new initiatives in the area of international migration.": (
        "Permitir que las organizaciones internacionales intercambien información sobre sus "
        "actividades en curso y presenten nuevas iniciativas importantes en el ámbito de la "
        "migración internacional."
    ),
    # Sessions.
    "Morning session": "Sesión de la mañana",
    "Afternoon session": "Sesión de la tarde",
    # Agenda items and their segments, in the programme's order.
    "Opening of the meeting": "Apertura de la reunión",
    "The Global Forum on Migration and Development": "El Foro Mundial sobre Migración y Desarrollo",
    "The 2013 High-level Dialogue on International Migration and Development": (
        "El Diálogo de alto nivel sobre la migración internacional y el desarrollo de 2013"
    ),
    "Reflections on the role and contribution of the Global Forum on Migration and Development "
    "to the 2013 High-level Dialogue": (
        "Reflexiones sobre el papel y la contribución del Foro Mundial sobre Migración y "
        "Desarrollo al Diálogo de alto nivel de 2013"
    ),
    "Preparing for the 2013 High-level Dialogue: A human rights perspective": (
        "Preparativos para el Diálogo de alto nivel de 2013: una perspectiva de derechos humanos"
    ),
    "Reflections on the role and contribution of civil society to the 2013 High-level Dialogue": (
        "Reflexiones sobre el papel y la contribución de la sociedad civil al Diálogo de alto "
        "nivel de 2013"
    ),
    "International migration and development: regional dimensions and interagency coordination": (
        "Migración internacional y desarrollo: dimensiones regionales y coordinación "
        "interinstitucional"
    ),
    "Strengthening national capacities to deal with international migration: Outcomes of a "
    "development account project": (
        "Fortalecimiento de las capacidades nacionales para abordar la migración internacional: "
        "resultados de un proyecto de la Cuenta para el Desarrollo"
    ),
    "Regional preparations for the 2013 High-level Dialogue: Towards a common agenda": (
        "Preparativos regionales para el Diálogo de alto nivel de 2013: hacia una agenda común"
    ),
    "Migration and development: Recent contributions to the evidence base": (
        "Migración y desarrollo: contribuciones recientes a la base empírica"
    ),
    "New initiatives on international migration and development": (
        "Nuevas iniciativas sobre migración internacional y desarrollo"
    ),
    "Selected presentations": "Presentaciones seleccionadas",
    "Closing of the meeting": "Clausura de la reunión",
    # People's positions.
    "Special Rapporteur on the human rights of migrants": (
        "Relator Especial sobre los derechos humanos de los migrantes"
    ),
    "Permanent Representative of Mexico to the United Nations": (
        "Representante Permanente de México ante las Naciones Unidas"
    ),
    # The resolutions' titles (demo/documents.py RESOLUTIONS).
    "International migration and development (resolution 58/208 of 23 December 2003)": (
        "Migración internacional y desarrollo (resolución 58/208, de 23 de diciembre de 2003)"
    ),
    "International migration and development (resolution 65/170 of 20 December 2010)": (
        "Migración internacional y desarrollo (resolución 65/170, de 20 de diciembre de 2010)"
    ),
}

# Honorific -> its form in each language; for Chinese, honorifics go after the name ("先生").
# Chinese writes "H.E. Mr." as "先生阁下" after the name, keeping Mr. or Ms. before the "阁下".
HONORIFICS: dict[str, dict[str, str]] = {
    "Mr.": {
        "fr": "M.",
        "es": "Sr.",
        "ru": "г-н",  # noqa: RUF001 (Cyrillic)
        "ar": "السيد",
        "zh-hans": "先生",
    },
    "Ms.": {
        "fr": "Mme",
        "es": "Sra.",
        "ru": "г-жа",  # noqa: RUF001 (Cyrillic)
        "ar": "السيدة",
        "zh-hans": "女士",
    },
    "Amb.": {
        "fr": "Ambassadeur",
        "es": "Embajador",
        "ru": "посол",
        "ar": "السفير",
        "zh-hans": "大使",
    },
    "H.E. Mr.": {
        "fr": "S. E. M.",
        "es": "Excmo. Sr.",
        "ru": "Его Превосходительство г-н",  # noqa: RUF001 (Cyrillic)
        "ar": "سعادة السيد",
        "zh-hans": "先生阁下",
    },
    "H.E. Ms.": {
        "fr": "S. E. Mme",
        "es": "Excma. Sra.",
        "ru": "Ее Превосходительство г-жа",  # noqa: RUF001 (Cyrillic)
        "ar": "سعادة السيدة",
        "zh-hans": "女士阁下",
    },
    "Professor": {
        "fr": "Professeur",
        "es": "Profesor",
        "ru": "профессор",
        "ar": "الأستاذ",
        "zh-hans": "教授",
    },
    "Dr.": {
        "fr": "Dr",
        "es": "Dr.",
        "ru": "д-р",  # noqa: RUF001 (Cyrillic)
        "ar": "الدكتور",
        "zh-hans": "博士",
    },
}

# Organization's English name -> {lang: (name, acronym)} for fr and es (and ar, ru, zh-hans
# where UNTERM gives an official name; skip a language rather than invent one). An empty
# acronym: the name has none in that language (Arabic writes these names out in full).
ORGANIZATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "Department of Economic and Social Affairs": {
        "fr": ("Département des affaires économiques et sociales", "DAES"),
        "es": ("Departamento de Asuntos Económicos y Sociales", "DAES"),
        "ar": ("إدارة الشؤون الاقتصادية والاجتماعية", ""),
        "ru": ("Департамент по экономическим и социальным вопросам", "ДЭСВ"),
        "zh-hans": ("经济和社会事务部", "经社部"),
    },
    "Population Division": {
        "fr": ("Division de la population", ""),
        "es": ("División de Población", ""),
        "ar": ("شعبة السكان", ""),
        "ru": ("Отдел народонаселения", ""),
        "zh-hans": ("人口司", ""),
    },
    "Economic Commission for Latin America and the Caribbean": {
        "fr": ("Commission économique pour l'Amérique latine et les Caraïbes", "CEPALC"),
        "es": ("Comisión Económica para América Latina y el Caribe", "CEPAL"),
        "ar": ("اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي", ""),
        "ru": ("Экономическая комиссия для Латинской Америки и Карибского бассейна", "ЭКЛАК"),
        "zh-hans": ("拉丁美洲和加勒比经济委员会", "拉加经委会"),
    },
    "Economic Commission for Europe": {
        "fr": ("Commission économique pour l'Europe", "CEE"),
        "es": ("Comisión Económica para Europa", "CEPE"),
        "ar": ("اللجنة الاقتصادية لأوروبا", ""),
        "ru": ("Европейская экономическая комиссия", "ЕЭК"),
        "zh-hans": ("欧洲经济委员会", "欧洲经委会"),
    },
    "International Organization for Migration": {
        "fr": ("Organisation internationale pour les migrations", "OIM"),
        "es": ("Organización Internacional para las Migraciones", "OIM"),
        "ar": ("المنظمة الدولية للهجرة", ""),
        "ru": ("Международная организация по миграции", "МОМ"),  # noqa: RUF001 (Cyrillic)
        "zh-hans": ("国际移民组织", "移民组织"),
    },
    # Not a UN body: the names it uses itself; no official Arabic, Russian or Chinese one.
    "International Catholic Migration Commission": {
        "fr": ("Commission internationale catholique pour les migrations", "CICM"),
        "es": ("Comisión Católica Internacional de Migración", "CCIM"),
    },
    # Sweden's ministry (Justitiedepartementet), by its usual name in each language.
    "Ministry of Justice": {
        "fr": ("Ministère de la justice", ""),
        "es": ("Ministerio de Justicia", ""),
        "ar": ("وزارة العدل", ""),
        "ru": ("Министерство юстиции", ""),
        "zh-hans": ("司法部", ""),
    },
}

# Document category names (from demo/documents.py CATEGORIES) -> {lang: name} for fr, es.
# "Paper" and "presentation" as the interface's catalogues say them (contribution écrite, exposé;
# contribución, presentación).
CATEGORIES: dict[str, dict[str, str]] = {
    "Contributed papers": {"fr": "Contributions écrites", "es": "Contribuciones"},
    "Other presentations": {"fr": "Autres exposés", "es": "Otras presentaciones"},
    "Background documents": {"fr": "Documents de référence", "es": "Documentos de antecedentes"},
    "General Assembly documents": {
        "fr": "Documents de l'Assemblée générale",
        "es": "Documentos de la Asamblea General",
    },
    "General Assembly resolutions": {
        "fr": "Résolutions de l'Assemblée générale",
        "es": "Resoluciones de la Asamblea General",
    },
}
