//! Locations: free text ("Camberwell VIC 3124", "Germany, Munich",
//! "AMER - Canada - Quebec - Montreal - 10 Rue Duke") into city, region and
//! country. Countries become ISO 3166-1 alpha-2 codes; regions of the US,
//! Canada, Australia and the UK nations become their ISO 3166-2 subdivision
//! codes (without the country prefix); other regions stay as written.
//!
//! The gazetteer is small and hand-kept on purpose: countries, the
//! first-level regions where job pages abbreviate them, and major job-market
//! cities (to tell a bare "Stockholm" or "Munich" is a place). No crate
//! offers this without shipping a multi-megabyte database, which a 128 MB
//! Lambda should not carry.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::Location;
use super::text::{clean, ends_with_ci, fold};

const COUNTRIES: &str = "AD|Andorra;AE|United Arab Emirates|UAE|الإمارات|ОАЕ|ОАЭ;AF|Afghanistan;AL|Albania;AM|Armenia;AO|Angola;AR|Argentina;\
AT|Austria|Österreich;AU|Australia;AZ|Azerbaijan;BA|Bosnia and Herzegovina|Bosnia;BD|Bangladesh;BE|Belgium|Belgique|België;\
BG|Bulgaria|България|Болгарія|Болгария;BH|Bahrain;BO|Bolivia;BR|Brazil|Brasil;BY|Belarus|Білорусь|Беларусь;CA|Canada|Канада;CH|Switzerland|Schweiz|Suisse;CL|Chile;CN|China|中国|PRC;\
CM|Cameroon;CO|Colombia;CR|Costa Rica;CY|Cyprus|Кіпр|Кипр;CZ|Czech Republic|Czechia|Česko|Česká republika|Чехія|Чехия;DE|Germany|Deutschland|Німеччина|Германия;DK|Denmark|Danmark;DO|Dominican Republic;\
DZ|Algeria;EC|Ecuador;EE|Estonia|Eesti|Естонія|Эстония;EG|Egypt|مصر;ES|Spain|España|Іспанія|Испания;FI|Finland|Suomi;FR|France|Франція|Франция;GB|United Kingdom|UK|Great Britain|Britain|Велика Британія|Великобритания;\
GE|Georgia|Грузія|Грузия;GH|Ghana;GR|Greece|Ελλάδα;GT|Guatemala;HN|Honduras;HK|Hong Kong|Hong Kong SAR|香港;HR|Croatia|Hrvatska;HU|Hungary|Magyarország;ID|Indonesia;IE|Ireland|Éire;IL|Israel;\
IN|India;IQ|Iraq;IR|Iran;IS|Iceland|Ísland;IT|Italy|Italia|Італія|Италия;JM|Jamaica;JO|Jordan|الأردن;JP|Japan|日本;KE|Kenya;KG|Kyrgyzstan;KH|Cambodia;\
KR|South Korea|Korea|Republic of Korea|대한민국|한국;KW|Kuwait;KZ|Kazakhstan|Казахстан;LB|Lebanon;LK|Sri Lanka;LT|Lithuania|Lietuva|Литва;LU|Luxembourg;LV|Latvia|Latvija|Латвія|Латвия;\
MA|Morocco;MC|Monaco;MD|Moldova|Молдова;ME|Montenegro;MK|North Macedonia|Macedonia;MT|Malta;MU|Mauritius;MX|Mexico|México;MY|Malaysia;\
NG|Nigeria;NL|Netherlands|The Netherlands|Nederland|Holland|Нідерланди|Нидерланды;NO|Norway|Norge;NP|Nepal;NZ|New Zealand;OM|Oman;PA|Panama;PE|Peru;\
PH|Philippines;PK|Pakistan;PL|Poland|Polska|Польща|Польша;PR|Puerto Rico;PT|Portugal|Португалія|Португалия;PY|Paraguay;QA|Qatar;RO|Romania|România|Румунія|Румыния;RS|Serbia|Srbija;\
RU|Russia|Russian Federation|Россия;RW|Rwanda;SA|Saudi Arabia|السعودية;SE|Sweden|Sverige;SG|Singapore|新加坡;SI|Slovenia|Slovenija;SK|Slovakia|Slovensko;SN|Senegal;\
SV|El Salvador;TH|Thailand;TN|Tunisia;TR|Turkey|Türkiye;TW|Taiwan|台灣|臺灣;TZ|Tanzania;UA|Ukraine|Україна|Украина;UG|Uganda;\
US|United States|United States of America|USA|U.S.|U.S.A.|America|США;UY|Uruguay;UZ|Uzbekistan;VE|Venezuela;VN|Vietnam|Viet Nam;\
ZA|South Africa;ZM|Zambia;ZW|Zimbabwe;BW|Botswana;BN|Brunei;BS|Bahamas;BB|Barbados;XK|Kosovo";

/// More countries, by name only: their two-letter codes ("LA", "NE",
/// "SD", "NI") are far more often a US state, a city or a UK nation in a
/// location than Laos, Niger, Sudan or Nicaragua.
const COUNTRY_NAMES: &str = "AW|Aruba;AI|Anguilla;AX|Åland Islands|Aland Islands;AS|American Samoa;AG|Antigua and Barbuda;BI|Burundi;BJ|Benin;\
BF|Burkina Faso;BZ|Belize;BM|Bermuda;BT|Bhutan;CF|Central African Republic;CI|Côte d'Ivoire|Cote d'Ivoire|Ivory Coast;\
CD|DR Congo|Democratic Republic of the Congo|DRC;CG|Congo|Republic of the Congo;KM|Comoros;CV|Cabo Verde|Cape Verde;\
CU|Cuba;CW|Curaçao|Curacao;KY|Cayman Islands;DJ|Djibouti;DM|Dominica;ER|Eritrea;ET|Ethiopia;FJ|Fiji;FO|Faroe Islands;\
FM|Micronesia;GA|Gabon;GG|Guernsey;GI|Gibraltar;GN|Guinea;GP|Guadeloupe;GM|Gambia|The Gambia;GW|Guinea-Bissau;\
GQ|Equatorial Guinea;GD|Grenada;GL|Greenland;GF|French Guiana;GU|Guam;GY|Guyana;HT|Haiti;IM|Isle of Man;JE|Jersey;\
KI|Kiribati;KN|Saint Kitts and Nevis;LA|Laos;LR|Liberia;LY|Libya;LC|Saint Lucia;LI|Liechtenstein;LS|Lesotho;\
MO|Macao|Macau;MG|Madagascar;MV|Maldives;MH|Marshall Islands;ML|Mali;MM|Myanmar|Burma;MN|Mongolia;MZ|Mozambique;\
MR|Mauritania;MQ|Martinique;MW|Malawi;YT|Mayotte;NA|Namibia;NC|New Caledonia;NE|Niger;NI|Nicaragua;PW|Palau;\
PG|Papua New Guinea;KP|North Korea;PS|Palestine;PF|French Polynesia;RE|Réunion|Reunion;SD|Sudan;SB|Solomon Islands;\
SL|Sierra Leone;SM|San Marino;SO|Somalia;SS|South Sudan;ST|Sao Tome and Principe;SR|Suriname;SZ|Eswatini|Swaziland;\
SC|Seychelles;SY|Syria;TC|Turks and Caicos Islands;TD|Chad;TG|Togo;TJ|Tajikistan;TM|Turkmenistan;\
TL|Timor-Leste|East Timor;TO|Tonga;TT|Trinidad and Tobago;TV|Tuvalu;VA|Vatican City|Holy See;\
VC|Saint Vincent and the Grenadines;VG|British Virgin Islands;VI|U.S. Virgin Islands|US Virgin Islands;VU|Vanuatu;\
WS|Samoa;YE|Yemen";

/// Regions: `country:code|names…`. Where no short code is in use (China,
/// India, Germany) the code is the English name, which is what is stored.
/// India's two-letter codes are listed only where they are no English word
/// or common abbreviation ("UP", "HR", "AP" and "KL" are left out: a "SIGN
/// UP" button is no place).
/// City-states (Beijing, Berlin, Delhi) are cities, not regions: alone,
/// they name the city.
const REGIONS: &str = "US:AL|Alabama;US:AK|Alaska;US:AZ|Arizona;US:AR|Arkansas;US:CA|California;US:CO|Colorado;US:CT|Connecticut;\
US:DE|Delaware;US:DC|District of Columbia|Washington DC|Washington D.C.;US:FL|Florida;US:GA|Georgia;US:HI|Hawaii;US:ID|Idaho;\
US:IL|Illinois;US:IN|Indiana;US:IA|Iowa;US:KS|Kansas;US:KY|Kentucky;US:LA|Louisiana;US:ME|Maine;US:MD|Maryland;\
US:MA|Massachusetts;US:MI|Michigan;US:MN|Minnesota;US:MS|Mississippi;US:MO|Missouri;US:MT|Montana;US:NE|Nebraska;US:NV|Nevada;\
US:NH|New Hampshire;US:NJ|New Jersey;US:NM|New Mexico;US:NY|New York;US:NC|North Carolina;US:ND|North Dakota;US:OH|Ohio;\
US:OK|Oklahoma;US:OR|Oregon;US:PA|Pennsylvania;US:RI|Rhode Island;US:SC|South Carolina;US:SD|South Dakota;US:TN|Tennessee;\
US:TX|Texas;US:UT|Utah;US:VT|Vermont;US:VA|Virginia;US:WA|Washington;US:WV|West Virginia;US:WI|Wisconsin;US:WY|Wyoming;\
CA:AB|Alberta;CA:BC|British Columbia;CA:MB|Manitoba;CA:NB|New Brunswick;CA:NL|Newfoundland and Labrador|Newfoundland;\
CA:NS|Nova Scotia;CA:NT|Northwest Territories;CA:NU|Nunavut;CA:ON|Ontario;CA:PE|Prince Edward Island;CA:QC|Quebec|Québec;\
CA:SK|Saskatchewan;CA:YT|Yukon;AU:ACT|Australian Capital Territory;AU:NSW|New South Wales;AU:NT|Northern Territory;\
AU:QLD|Queensland;AU:SA|South Australia;AU:TAS|Tasmania;AU:VIC|Victoria;AU:WA|Western Australia;\
GB:ENG|England;GB:SCT|Scotland;GB:WLS|Wales;GB:NIR|Northern Ireland;\
CN:Hebei|河北;CN:Shanxi|山西;CN:Inner Mongolia|内蒙古;CN:Liaoning|辽宁;CN:Jilin|吉林;\
CN:Heilongjiang|黑龙江;CN:Jiangsu|江苏;CN:Zhejiang|浙江;CN:Anhui|安徽;CN:Fujian|福建;CN:Jiangxi|江西;\
CN:Shandong|山东;CN:Henan|河南;CN:Hubei|湖北;CN:Hunan|湖南;CN:Guangdong|广东|广东省;CN:Guangxi|广西;CN:Hainan|海南;\
CN:Sichuan|四川;CN:Guizhou|贵州;CN:Yunnan|云南;CN:Tibet|Xizang|西藏;CN:Shaanxi|陕西;CN:Gansu|甘肃;CN:Qinghai|青海;CN:Ningxia|宁夏;\
CN:Xinjiang|新疆;IN:Andhra Pradesh;IN:Arunachal Pradesh;IN:Assam;IN:Bihar;IN:Chhattisgarh;IN:Goa;IN:Gujarat|GJ;\
IN:Haryana;IN:Himachal Pradesh;IN:Jharkhand;IN:Karnataka|KA;IN:Kerala;IN:Madhya Pradesh;IN:Maharashtra|MH;\
IN:Manipur;IN:Meghalaya;IN:Mizoram;IN:Nagaland;IN:Odisha|Orissa|OD;IN:Punjab;IN:Rajasthan|RJ;IN:Sikkim;\
IN:Tamil Nadu|TN;IN:Telangana|TG;IN:Tripura;IN:Uttar Pradesh;IN:Uttarakhand;IN:West Bengal;\
IN:Jammu and Kashmir;IN:Ladakh;IN:Puducherry|Pondicherry;DE:Baden-Württemberg|Baden-Wurttemberg;\
DE:Bayern|Bavaria;DE:Brandenburg;DE:Hessen|Hesse;DE:Mecklenburg-Vorpommern;\
DE:Niedersachsen|Lower Saxony;DE:Nordrhein-Westfalen|North Rhine-Westphalia|NRW;\
DE:Rheinland-Pfalz|Rhineland-Palatinate;DE:Saarland;DE:Sachsen|Saxony;DE:Sachsen-Anhalt|Saxony-Anhalt;\
DE:Schleswig-Holstein;DE:Thüringen|Thuringia;\
CL:Región Metropolitana de Santiago|Región Metropolitana|Region Metropolitana|Santiago Metropolitan Region;\
CL:Región de Valparaíso|Valparaíso Region;CL:Región del Biobío|Biobío|Bío Bío;CL:Región de la Araucanía|Araucanía;\
CL:Región de Antofagasta;CL:Región de Coquimbo;CL:Región del Maule|Maule;CL:Región de Los Lagos|Los Lagos;\
CL:Región de O'Higgins|O'Higgins;CL:Región de Ñuble|Ñuble;CL:Región de Atacama|Atacama;CL:Región de Tarapacá|Tarapacá;\
CL:Región de Arica y Parinacota|Arica y Parinacota;CL:Región de Los Ríos|Los Ríos;CL:Región de Aysén|Aysén;\
CL:Región de Magallanes|Magallanes;\
ES:Andalucía|Andalusia|Andalucia;ES:Cataluña|Catalunya|Catalonia;ES:Comunidad de Madrid|Community of Madrid;\
ES:Comunitat Valenciana|Comunidad Valenciana|Valencian Community;ES:País Vasco|Euskadi|Basque Country;ES:Galicia;\
ES:Castilla y León;ES:Castilla-La Mancha;ES:Aragón|Aragon;ES:Región de Murcia;ES:Principado de Asturias|Asturias;\
ES:Islas Baleares|Illes Balears|Balearic Islands;ES:Canarias|Islas Canarias|Canary Islands;ES:Extremadura;ES:Cantabria;\
FR:Île-de-France|Ile-de-France;FR:Auvergne-Rhône-Alpes;FR:Provence-Alpes-Côte d'Azur|PACA;FR:Occitanie;\
FR:Nouvelle-Aquitaine;FR:Hauts-de-France;FR:Grand Est|Grand-Est;FR:Bretagne|Brittany;FR:Normandie|Normandy;\
FR:Pays de la Loire;FR:Centre-Val de Loire;FR:Bourgogne-Franche-Comté;\
IT:Lombardia|Lombardy;IT:Lazio;IT:Piemonte|Piedmont;IT:Veneto;IT:Emilia-Romagna;IT:Toscana|Tuscany;IT:Campania;\
IT:Sicilia|Sicily;IT:Puglia|Apulia;IT:Liguria;IT:Sardegna|Sardinia;IT:Friuli-Venezia Giulia;IT:Trentino-Alto Adige;\
NL:Noord-Holland|North Holland|NH;NL:Zuid-Holland|South Holland;NL:Noord-Brabant|North Brabant|NB;NL:Gelderland;\
NL:Overijssel|OV;NL:Friesland|Fryslân;NL:Drenthe;NL:Flevoland;NL:Zeeland;\
CO:Antioquia;CO:Atlántico|Atlantico;CO:Boyacá|Boyaca;CO:Caldas;CO:Caquetá|Caqueta;CO:Casanare;CO:Cauca;CO:Chocó|Choco;\
CO:Cundinamarca;CO:Huila;CO:La Guajira;CO:Nariño|Narino;CO:Norte de Santander;CO:Putumayo;CO:Quindío|Quindio;\
CO:Risaralda;CO:Tolima;CO:Valle del Cauca;CO:Arauca;CO:Guainía|Guainia;CO:Guaviare;CO:Vaupés|Vaupes;CO:Vichada;\
MX:Baja California;MX:Baja California Sur;MX:Chiapas;MX:Coahuila;MX:Guanajuato;MX:Jalisco;MX:Estado de México;\
MX:Michoacán|Michoacan;MX:Morelos;MX:Nayarit;MX:Nuevo León|Nuevo Leon;MX:Quintana Roo;MX:Sinaloa;MX:Sonora;\
MX:Tabasco;MX:Tamaulipas;MX:Veracruz;MX:Yucatán|Yucatan";

const CITIES: &str = "New York|US:NY;NYC|US:NY;San Francisco|US:CA;Los Angeles|US:CA;San Jose|US:CA;Palo Alto|US:CA;\
Mountain View|US:CA;Sunnyvale|US:CA;Menlo Park|US:CA;San Diego|US:CA;Seattle|US:WA;Redmond|US:WA;Bellevue|US:WA;Boston|US:MA;\
Cambridge|;Chicago|US:IL;Austin|US:TX;Dallas|US:TX;Houston|US:TX;Denver|US:CO;Atlanta|US:GA;Miami|US:FL;Portland|;\
Washington|;Philadelphia|US:PA;Pittsburgh|US:PA;Salt Lake City|US:UT;Phoenix|US:AZ;Toronto|CA:ON;Vancouver|CA:BC;\
Montreal|CA:QC;Montréal|CA:QC;Ottawa|CA:ON;Calgary|CA:AB;Waterloo|;London|GB;Manchester|GB;Edinburgh|GB:SCT;Glasgow|GB:SCT;\
Bristol|GB;Belfast|GB:NIR;Dublin|IE;Cork|IE;Paris|FR;Lyon|FR;Toulouse|FR;Marseille|FR;Nantes|FR;Bordeaux|FR;Lille|FR;\
Berlin|DE;Munich|DE;München|DE;Hamburg|DE;Frankfurt|DE;Cologne|DE;Köln|DE;Stuttgart|DE;Düsseldorf|DE;Amsterdam|NL;\
Rotterdam|NL;Utrecht|NL;Eindhoven|NL;The Hague|NL;Brussels|BE;Antwerp|BE;Luxembourg|LU;Zurich|CH;Zürich|CH;Geneva|CH;\
Basel|CH;Vienna|AT;Wien|AT;Madrid|ES;Barcelona|ES;Valencia|;Lisbon|PT;Porto|PT;Milan|IT;Milano|IT;Rome|IT;Turin|IT;\
Stockholm|SE;Gothenburg|SE;Malmö|SE;Copenhagen|DK;Oslo|NO;Helsinki|FI;Tallinn|EE;Riga|LV;Vilnius|LT;Warsaw|PL;Krakow|PL;\
Kraków|PL;Wroclaw|PL;Wrocław|PL;Gdansk|PL;Prague|CZ;Brno|CZ;Budapest|HU;Bucharest|RO;Cluj-Napoca|RO;Sofia|BG;Belgrade|RS;\
Zagreb|HR;Ljubljana|SI;Athens|GR;Istanbul|TR;Kyiv|UA;Kiev|UA;Lviv|UA;Chisinau|MD;Skopje|MK;Tbilisi|GE;Yerevan|AM;Baku|AZ;\
Tel Aviv|IL;Jerusalem|IL;Dubai|AE;Abu Dhabi|AE;Riyadh|SA;Doha|QA;Cairo|EG;Amman|JO;Lagos|NG;Nairobi|KE;Cape Town|ZA;\
Johannesburg|ZA;Bangalore|IN;Bengaluru|IN;Mumbai|IN;Delhi|IN;New Delhi|IN;Hyderabad|IN;Chennai|IN;Pune|IN;Gurgaon|IN;\
Gurugram|IN;Noida|IN;Kolkata|IN;Singapore|SG;Hong Kong|HK;Tokyo|JP;Osaka|JP;Seoul|KR;Taipei|TW;台北|TW;臺北|TW;新竹|TW;台中|TW;臺中|TW;高雄|TW;Shanghai|CN;Beijing|CN;\
Shenzhen|CN;Guangzhou|CN;Hangzhou|CN;Nanjing|CN;Chengdu|CN;北京|CN;上海|CN;深圳|CN;广州|CN;杭州|CN;南京|CN;成都|CN;武汉|CN;\
西安|CN;苏州|CN;Bangkok|TH;Jakarta|ID;Kuala Lumpur|MY;Manila|PH;Ho Chi Minh City|VN;Hanoi|VN;Sydney|AU:NSW;Melbourne|AU:VIC;\
Brisbane|AU:QLD;Perth|AU:WA;Adelaide|AU:SA;Canberra|AU:ACT;Auckland|NZ;Wellington|NZ;São Paulo|BR;Sao Paulo|BR;\
Rio de Janeiro|BR;Campinas|BR;Mexico City|MX;Guadalajara|MX;Bogotá|CO;Bogota|CO;Medellín|CO;Buenos Aires|AR;Santiago|CL;\
Lima|PE;Montevideo|UY;\
Raleigh|US:NC;Durham|;Charlotte|US:NC;Nashville|US:TN;Minneapolis|US:MN;Detroit|US:MI;Ann Arbor|US:MI;Columbus|US:OH;\
Cleveland|US:OH;Cincinnati|US:OH;Indianapolis|US:IN;St. Louis|US:MO;Saint Louis|US:MO;Kansas City|;Baltimore|US:MD;\
Sacramento|US:CA;Irvine|US:CA;Santa Clara|US:CA;Cupertino|US:CA;Oakland|US:CA;Santa Monica|US:CA;Boulder|US:CO;\
San Antonio|US:TX;Fort Worth|US:TX;Orlando|US:FL;Tampa|US:FL;Jacksonville|US:FL;Las Vegas|US:NV;Albuquerque|US:NM;\
Honolulu|US:HI;Milwaukee|US:WI;Madison|;Omaha|US:NE;Boise|US:ID;Provo|US:UT;Lehi|US:UT;Arlington|;Reston|US:VA;\
McLean|US:VA;Herndon|US:VA;Alexandria|;Hoboken|US:NJ;Jersey City|US:NJ;Newark|;Stamford|US:CT;Hartford|US:CT;\
Providence|US:RI;New Orleans|US:LA;Edmonton|CA:AB;Winnipeg|CA:MB;Halifax|;Quebec City|CA:QC;Mississauga|CA:ON;\
Kitchener|CA:ON;Hamilton|;Birmingham|;Leeds|GB;Liverpool|GB;Oxford|GB;Reading|GB;Sheffield|GB;Nottingham|GB;Leicester|GB;\
Southampton|GB;Brighton|GB;Milton Keynes|GB;Cardiff|GB:WLS;Swansea|GB:WLS;Aberdeen|GB:SCT;Dundee|GB:SCT;Newcastle|;\
Galway|IE;Limerick|IE;Nice|FR;Strasbourg|FR;Rennes|FR;Montpellier|FR;Grenoble|FR;Sophia Antipolis|FR;Leipzig|DE;\
Dresden|DE;Nuremberg|DE;Duisburg|DE;Bochum|DE;Wuppertal|DE;Bielefeld|DE;Münster|DE;Muenster|DE;Augsburg|DE;Wiesbaden|DE;Aachen|DE;Kiel|DE;Freiburg|DE;Mainz|DE;Regensburg|DE;\
Darmstadt|DE;Erlangen|DE;Ulm|DE;Jena|DE;Ingolstadt|DE;Wolfsburg|DE;Braunschweig|DE;Magdeburg|DE;Rostock|DE;Lübeck|DE;Kassel|DE;\
Saarbrücken|DE;Osnabrück|DE;Oldenburg|DE;Paderborn|DE;Würzburg|DE;Göttingen|DE;Chemnitz|DE;Erfurt|DE;Nürnberg|DE;Hannover|DE;Hanover|DE;Bonn|DE;Karlsruhe|DE;Mannheim|DE;Heidelberg|DE;Essen|DE;\
Dortmund|DE;Bremen|DE;Potsdam|DE;Den Haag|NL;Delft|NL;Groningen|NL;Ghent|BE;Gent|BE;Leuven|BE;Liège|BE;Mechelen|BE;Brugge|BE;Bruges|BE;Namur|BE;Charleroi|BE;Hasselt|BE;Kortrijk|BE;Aalst|BE;Oostende|BE;Ostend|BE;Wavre|BE;Louvain-la-Neuve|BE;Bern|CH;\
Lausanne|CH;Lugano|CH;Genève|CH;Genf|CH;Fribourg|CH;Neuchâtel|CH;Winterthur|CH;St. Gallen|CH;Luzern|CH;Lucerne|CH;\
Zug|CH;Sion|CH;東京|JP;大阪|JP;横浜|JP;名古屋|JP;福岡|JP;札幌|JP;神戸|JP;京都|JP;仙台|JP;広島|JP;川崎|JP;さいたま|JP;千葉|JP;서울|KR;부산|KR;인천|KR;판교|KR;\
성남|KR;대전|KR;Graz|AT;Linz|AT;Salzburg|AT;Innsbruck|AT;Seville|ES;Sevilla|ES;Bilbao|ES;Málaga|ES;Malaga|ES;\
Zaragoza|ES;Palma|ES;Braga|PT;Coimbra|PT;Torino|IT;Roma|IT;Naples|IT;Napoli|IT;Bologna|IT;Florence|IT;Firenze|IT;\
Genoa|IT;Genova|IT;Padua|IT;Padova|IT;Aarhus|DK;Odense|DK;Bergen|NO;Trondheim|NO;Stavanger|NO;Tampere|FI;Espoo|FI;\
Oulu|FI;Uppsala|SE;Lund|SE;Linköping|SE;Reykjavik|IS;Poznan|PL;Poznań|PL;Lodz|PL;Łódź|PL;Katowice|PL;Gdynia|PL;\
Lublin|PL;Bratislava|SK;Kosice|SK;Košice|SK;Timisoara|RO;Timișoara|RO;Iasi|RO;Iași|RO;Brasov|RO;Novi Sad|RS;Plovdiv|BG;\
Thessaloniki|GR;Nicosia|CY;Limassol|CY;Valletta|MT;Minsk|BY;Kharkiv|UA;Odesa|UA;Dnipro|UA;Almaty|KZ;Tashkent|UZ;\
Haifa|IL;Herzliya|IL;Jeddah|SA;Dammam|SA;Manama|BH;Kuwait City|KW;Muscat|OM;Beirut|LB;Casablanca|MA;Rabat|MA;Tunis|TN;\
Accra|GH;Kigali|RW;Kampala|UG;Addis Ababa|ET;Durban|ZA;Pretoria|ZA;Ahmedabad|IN;Jaipur|IN;Kochi|IN;Coimbatore|IN;\
Chandigarh|IN;Indore|IN;Thiruvananthapuram|IN;Karachi|PK;Lahore|PK;Islamabad|PK;Dhaka|BD;Colombo|LK;Kathmandu|NP;\
Kyoto|JP;Yokohama|JP;Fukuoka|JP;Nagoya|JP;Sendai|JP;Hiroshima|JP;Sapporo|JP;Kobe|JP;Busan|KR;Taichung|TW;Hsinchu|TW;Tianjin|CN;Chongqing|CN;Wuhan|CN;Xi'an|CN;\
Suzhou|CN;天津|CN;重庆|CN;厦门|CN;青岛|CN;长沙|CN;合肥|CN;Cebu|PH;Penang|MY;Ho Chi Minh|VN;Da Nang|VN;Gold Coast|AU:QLD;\
Hobart|AU:TAS;Darwin|AU:NT;Christchurch|NZ;Monterrey|MX;Querétaro|MX;Queretaro|MX;Tijuana|MX;Belo Horizonte|BR;\
Curitiba|BR;Porto Alegre|BR;Recife|BR;Florianópolis|BR;Florianopolis|BR;Brasília|BR;Brasilia|BR;Córdoba|;Rosario|AR;\
Mendoza|AR;Quito|EC;Guayaquil|EC;Cali|CO;Barranquilla|CO;Caracas|VE;Asunción|PY;Asuncion|PY;La Paz|;Panama City|;\
San Juan|;Santo Domingo|DO;Guatemala City|GT;San Salvador|SV;Tegucigalpa|HN;Managua|NI;Kingston|;Praha|CZ;Ostrava|CZ;Warszawa|PL;Gdańsk|PL;Bruxelles|BE;Brussel|BE;Antwerpen|BE;København|DK;Lisboa|PT;Göteborg|SE;Moscow|RU;Moskva|RU;Київ|UA;Киев|UA;Львів|UA;Львов|UA;Харків|UA;Харьков|UA;Одеса|UA;Одесса|UA;Дніпро|UA;Днепр|UA;Запоріжжя|UA;Вінниця|UA;Івано-Франківськ|UA;Тернопіль|UA;Ужгород|UA;Чернівці|UA;Луцьк|UA;Рівне|UA;Житомир|UA;Полтава|UA;Черкаси|UA;Чернігів|UA;Суми|UA;Хмельницький|UA;Миколаїв|UA;Варшава|PL;Краків|PL;Краков|PL;Вроцлав|PL;Гданськ|PL;Лісабон|PT;Лиссабон|PT;Прага|CZ;Берлін|DE;Берлин|DE;Лондон|GB;Лімасол|CY;Лимассол|CY;Таллінн|EE;Таллин|EE;Вільнюс|LT;Вильнюс|LT;Рига|LV;Тбілісі|GE;Тбилиси|GE;Москва|RU;Санкт-Петербург|RU;Мінськ|BY;Минск|BY;Алмати|KZ;Алматы|KZ;Астана|KZ;Ташкент|UZ;Дубай|AE;București|RO;Bucuresti|RO;Athina|GR;Beograd|RS;Dusseldorf|DE;Ankara|TR;Izmir|TR;İzmir|TR;Vadodara|IN;Surat|IN;Nagpur|IN;Lucknow|IN;Visakhapatnam|IN;Bhubaneswar|IN;Faisalabad|PK;Rawalpindi|PK;Multan|PK;Peshawar|PK;Chittagong|BD;Surabaya|ID;Bandung|ID;Abuja|NG;Medellin|CO;Ciudad de México|MX;Puebla|MX;Valparaíso|CL;Viña del Mar|CL;Las Condes|CL;Providencia|CL;Pudahuel|CL;Quilicura|CL;Lampa|CL;Colina|CL;Maipú|CL;Puente Alto|CL;Ñuñoa|CL;Vitacura|CL;Lo Barnechea|CL;La Florida|;San Bernardo|;Huechuraba|CL;Estación Central|CL;Recoleta|;Renca|CL;Cerrillos|CL;Quinta Normal|CL;La Reina|CL;Peñalolén|CL;Macul|CL;San Miguel|;Buin|CL;Talagante|CL;Padre Hurtado|CL;Peñaflor|CL;San Joaquín|CL;La Cisterna|CL;Conchalí|CL;Tiltil|CL;Concepción|;Talcahuano|CL;Antofagasta|CL;Temuco|CL;Rancagua|CL;Talca|CL;Arica|CL;Iquique|CL;Puerto Montt|CL;La Serena|CL;Coquimbo|CL;Osorno|CL;Valdivia|CL;Calama|CL;Copiapó|CL;Chillán|CL;Punta Arenas|CL;Quilpué|CL;Curicó|CL";

/// World regions that prefix locations ("AMER - Canada - ...") and other
/// words that say nothing about the place.
const WORLD_REGIONS: &[&str] = &[
    "amer",
    "emea",
    "apac",
    "apj",
    "latam",
    "americas",
    "na",
    "noram",
    "europe",
    "asia",
    "africa",
    "oceania",
    "middle east",
    "north america",
    "south america",
    "latin america",
    "european union",
    "eu",
    "global",
    // An employer's own name for a site ("Location: Headquarters", Taleo)
    // or a list it does not give: no place a reader could find.
    "headquarters",
    "hq",
    "head office",
    "corporate office",
    "corporate headquarters",
    "main office",
    "multiple locations",
    "various locations",
    "various",
];

struct Gazetteer {
    countries: HashMap<String, &'static str>,
    regions: HashMap<String, Vec<(&'static str, &'static str)>>,
    region_codes: HashMap<(&'static str, &'static str), &'static str>,
    cities: HashMap<String, (Option<&'static str>, Option<&'static str>)>,
}

static GAZ: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut countries = HashMap::new();
    for entry in COUNTRIES.split(';') {
        let mut parts = entry.split('|');
        let code = parts.next().expect("code");
        countries.insert(code.to_ascii_lowercase(), code);
        for name in parts {
            countries.insert(fold(name), code);
        }
    }
    for entry in COUNTRY_NAMES.split(';') {
        let mut parts = entry.split('|');
        let code = parts.next().expect("code");
        for name in parts {
            countries.insert(fold(name), code);
        }
    }
    let mut regions: HashMap<String, Vec<(&str, &str)>> = HashMap::new();
    let mut region_codes = HashMap::new();
    for entry in REGIONS.split(';') {
        let mut parts = entry.split('|');
        let (cc, code) = parts.next().expect("code").split_once(':').expect("cc:code");
        region_codes.insert((cc, code), code);
        // The code is folded as names are: a region whose code is its name
        // ("Región Metropolitana de Santiago") is found however it is
        // written. "Quebec|Québec" fold alike: a region is listed once per
        // name.
        for name in std::iter::once(code).chain(parts) {
            let names = regions.entry(fold(name)).or_default();
            if !names.contains(&(cc, code)) {
                names.push((cc, code));
            }
        }
    }
    let mut cities = HashMap::new();
    for entry in CITIES.split(';') {
        let (name, place) = entry.split_once('|').expect("city|place");
        let (cc, region) = match place.split_once(':') {
            Some((c, r)) => (Some(c), Some(r)),
            None if place.is_empty() => (None, None),
            None => (Some(place), None),
        };
        cities.insert(fold(name), (cc, region));
    }
    Gazetteer { countries, regions, region_codes, cities }
});

/// The ISO 3166-1 alpha-2 code of a country name or code.
pub fn country_code(s: &str) -> Option<&'static str> {
    let f = fold(s);
    if f.len() == 2 || f.len() == 3 {
        // Two- and three-letter forms only as written in capitals ("DE",
        // "USA"), so the words "in", "de" or "us" are not countries.
        if !s.trim().chars().all(|c| c.is_ascii_uppercase() || c == '.') {
            return None;
        }
    }
    GAZ.countries.get(&f).copied().or_else(|| alpha3(s.trim()))
}

/// ISO 3166-1 alpha-3 codes of job markets, sorted for binary search.
const ALPHA3: &[(&str, &str)] = &[
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("BEL", "BE"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BRA", "BR"),
    ("CAN", "CA"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("COL", "CO"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DNK", "DK"),
    ("EGY", "EG"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("FIN", "FI"),
    ("FRA", "FR"),
    ("GBR", "GB"),
    ("GRC", "GR"),
    ("HKG", "HK"),
    ("HRV", "HR"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IND", "IN"),
    ("IRL", "IE"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JPN", "JP"),
    ("KEN", "KE"),
    ("KOR", "KR"),
    ("LKA", "LK"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MEX", "MX"),
    ("MLT", "MT"),
    ("MYS", "MY"),
    ("NGA", "NG"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NZL", "NZ"),
    ("PAK", "PK"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("POL", "PL"),
    ("PRT", "PT"),
    ("ROU", "RO"),
    ("SAU", "SA"),
    ("SGP", "SG"),
    ("SRB", "RS"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("THA", "TH"),
    ("TUR", "TR"),
    ("TWN", "TW"),
    ("UKR", "UA"),
    ("URY", "UY"),
    ("VNM", "VN"),
    ("ZAF", "ZA"),
];

/// ISO 3166-1 alpha-3 codes in capitals ("BRA", "DEU"), as some boards
/// write countries; only job markets, and only in capitals (see above).
fn alpha3(s: &str) -> Option<&'static str> {
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    ALPHA3.binary_search_by_key(&s, |(a3, _)| a3).ok().map(|i| ALPHA3[i].1)
}

/// `(country, region code)` candidates for a region name or code.
fn regions(s: &str) -> &'static [(&'static str, &'static str)] {
    let f = fold(s);
    if f.len() <= 3 && !s.trim().chars().all(|c| c.is_ascii_uppercase()) {
        return &[];
    }
    GAZ.regions.get(&f).map(Vec::as_slice).unwrap_or(&[])
}

fn lookup_city(s: &str) -> Option<(Option<&'static str>, Option<&'static str>)> {
    GAZ.cities.get(&fold(s)).copied()
}

/// "Lahore Pakistan", "Sendai Japan": a known city of a country, then that
/// country's name (of up to three words), with no comma between.
fn city_then_country(place: &str) -> Option<Vec<String>> {
    // Most text tried as a place is no such pair: a last word in lower case
    // or an uncased script, or more than six words, is not looked up.
    let last = place.rsplit(' ').next()?;
    if !last.starts_with(char::is_uppercase) || place.split(' ').nth(6).is_some() {
        return None;
    }
    let spaces: Vec<usize> = place.match_indices(' ').map(|(at, _)| at).collect();
    spaces.iter().rev().take(3).find_map(|&at| {
        let (city, country) = (place[..at].trim(), place[at + 1..].trim());
        let k = country_code(country).filter(|_| country.len() > 3)?;
        (lookup_city(city)?.0 == Some(k)).then(|| vec![city.to_owned(), country.to_owned()])
    })
}

/// Whether a place is written from the country down ("Magyarország, Pest,
/// Budaörs", as Hungarian boards and some address forms do): of three
/// parts or more, a first that is a country and no city, and a last that
/// is no country. (Two parts read either way already: "Germany, Munich",
/// "Canada, Ontario".)
fn country_first(parts: &[String]) -> bool {
    let [first, _, .., last] = parts else { return false };
    country_code(first).is_some() && country_code(last).is_none() && lookup_city(first).is_none()
}

/// A part of one or two words that names a type of employment
/// ("Full-time", "Internship", "CDI") and no place the gazetteer knows.
fn employment_only(p: &str) -> bool {
    p.split([' ', '-']).filter(|w| !w.is_empty()).count() <= 2
        && super::kinds::employment(p).is_some()
        && lookup_city(p).is_none()
        && regions(p).is_empty()
        && country_code(p).is_none()
}

/// Words that say how, not where, someone works: any of the workplace
/// words alone ("Híbrida", "Presencial"), and these.
pub(crate) fn is_work_mode(s: &str) -> bool {
    let f = fold(s);
    super::kinds::is_workplace_word(&f)
        || matches!(
            f.as_str(),
            "remote only"
                | "office"
                | "100 remote"
                | "remote first"
                | "anywhere"
                | "worldwide"
                | "multiple locations"
                | "various locations"
                | "flexible"
                | "home based"
                // "Київ, за кордоном" (DOU: Kyiv, or abroad): no place.
                | "abroad"
                | "за кордоном"
                | "за рубежом"
        )
}

/// Drops `( ... )` notes.
fn without_notes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// How sure a parse is that the text names a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Nothing in it is known; kept as a city name only when the caller
    /// knows the text is a location.
    Unknown,
    /// A known country, region or city appears in it.
    Known,
}

/// "Remote from Germany", "Remotely in the US", "Anywhere in Europe",
/// "Hybrid in Berlin", "Remote US", "US Remote": a work mode said around a
/// place. Without a connecting word ("from", "in") the rest counts only
/// when it is a known place, so "Partially remote" is not a city.
static MODE_AROUND_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:fully |100% )?(?:remote(?:ly)?|anywhere|hybrid|on-?site|home[- ]based|work from home)\s+(?:(?:from|in|within|across|based in|only in)\s+(?:the\s+)?(?P<a>.+)|(?P<k>.+))|(?P<b>.+?)\s+(?:remote|hybrid|on-?site))$",
    )
    .expect("a valid regex")
});

/// The words [`MODE_AROUND_PLACE`] needs, in one case-insensitive pass.
static MODE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["remote", "anywhere", "hybrid", "site", "home", "work from"])
        .expect("mode words")
});

/// The place-like parts of a location text, most general or most specific
/// first as written.
fn place_parts(core: &str) -> Vec<String> {
    let core: std::borrow::Cow<str> = if core.contains(['–', '—']) {
        core.replace(" – ", " - ").replace(" — ", " - ").into()
    } else {
        core.into()
    };
    let separators: &[char] = if core.contains(',') || core.contains('，') { &[',', '，'] } else { &['·', '|'] };
    // "臺灣 / 臺北": without commas, a spaced slash steps down a level.
    let core: std::borrow::Cow<str> =
        if separators[0] == '·' && core.contains(" / ") { core.replace(" / ", "|").into() } else { core };
    let mut parts: Vec<String> = core
        .split(separators)
        // Workday joins levels with " - "; "USA – Remote" uses a dash.
        .flat_map(|p| p.split(" - "))
        .map(|p| {
            let p = p.trim();
            // "Full Time Remote, US": the type of employment is no place.
            let p = ["full time ", "full-time ", "part time ", "part-time ", "contract ", "permanent "]
                .iter()
                .find_map(|t| p.get(..t.len()).filter(|h| h.eq_ignore_ascii_case(t)).map(|_| p[t.len()..].trim()))
                .unwrap_or(p);
            // "Remote / Toronto": a work mode beside the place, by a slash.
            let p = match p.split_once('/') {
                Some((a, b)) if is_work_mode(a.trim()) => b.trim(),
                Some((a, b)) if is_work_mode(b.trim()) => a.trim(),
                _ => p,
            };
            let known = |m: &regex::Match| {
                let m = m.as_str().trim();
                country_code(m).is_some() || lookup_city(m).is_some() || !regions(m).is_empty()
            };
            // Most parts name no work mode; the regex only runs on those that may.
            let may = p.len() > 7 && MODE_WORDS.is_match(p);
            let place = may.then(|| MODE_AROUND_PLACE.captures(p)).flatten().and_then(|c| {
                c.name("a").or_else(|| c.name("k").or(c.name("b")).filter(|m| !is_work_mode(p) && known(m)))
            });
            place.map_or(p, |m| m.as_str().trim()).to_owned()
        })
        .filter(|p| !p.is_empty())
        .filter(|p| !is_work_mode(p))
        .filter(|p| !WORLD_REGIONS.contains(&fold(p).as_str()))
        // "CDI / Full-time" under a place's label: a type of employment
        // alone is no place.
        .filter(|p| !employment_only(p))
        // A street or a postcode-only part.
        .filter(|p| !p.chars().next().is_some_and(|c| c.is_ascii_digit()))
        // "Remote, United States, preferably EST or CST time zones": words
        // in lower case are a note, where place names are capitalised; but
        // a site that writes all in lower case still names known cities
        // ("las condes, región metropolitana de santiago").
        .filter(|p| {
            !(p.starts_with(char::is_lowercase) && p.contains(' '))
                || lookup_city(p).is_some()
                || !regions(p).is_empty()
        })
        .map(|p| if p.chars().any(char::is_uppercase) { p } else { capitalised(&p) })
        .collect();
    // "Chalupkova 4, Bratislava": a street written before its number, as
    // most of Europe does, where more parts follow. ("Dublin 2" is a
    // postal district of a known city.)
    if parts.len() > 1 {
        let one_number = |w: &str| {
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits)
                && w.len() - digits <= 1
                && w.bytes().skip(digits).all(|b| b.is_ascii_alphabetic())
        };
        // "4", "12a", and a building's range: "Karenslyst Allé 12–14".
        let house_number = |w: &str| {
            one_number(w) || w.split_once(['-', '–', '/']).is_some_and(|(a, b)| one_number(a) && one_number(b))
        };
        let last = parts.len() - 1;
        let mut i = 0;
        parts.retain(|p| {
            let street = i < last
                && p.rsplit_once(' ').is_some_and(|(head, num)| house_number(num) && lookup_city(head).is_none());
            i += 1;
            !street
        });
    }
    // Postcodes and other tokens with digits inside a part ("VIC 3124").
    // But a US state's code before a number that is no ZIP code is a label
    // and its value ("Job ID 108402"), and the part no place.
    for p in &mut parts {
        if us_code_before_no_zip(p) {
            p.clear();
        } else if p.chars().any(|c| c.is_ascii_digit()) {
            *p = p.split_whitespace().filter(|w| !w.chars().any(|c| c.is_ascii_digit())).collect::<Vec<_>>().join(" ");
        }
    }
    parts.retain(|p| !p.is_empty() && !is_work_mode(p));
    // "Midwest City, OK US" (SilkRoad): a region code and its country's
    // code in one part are two parts.
    let mut split = Vec::with_capacity(parts.len());
    for p in parts {
        match p.split_once(' ') {
            Some((r, c))
                if r.len() <= 3
                    && c.len() <= 3
                    && r.bytes().chain(c.bytes()).all(|b| b.is_ascii_uppercase())
                    && country_code(c).is_some_and(|cc| regions(r).iter().any(|(k, _)| *k == cc)) =>
            {
                split.extend([r.to_owned(), c.to_owned()]);
            }
            _ => split.push(p),
        }
    }
    split
}

/// A place name written all in lower case, as its own words are written
/// ("las condes" is Las Condes, "región metropolitana de santiago" Región
/// Metropolitana de Santiago): every word capitalised but the particles
/// inside a name.
fn capitalised(p: &str) -> String {
    const PARTICLES: &[&str] =
        &["de", "del", "la", "las", "los", "el", "y", "di", "da", "do", "dos", "das", "am", "an", "der", "upon", "on"];
    let mut out = String::with_capacity(p.len());
    for (i, w) in p.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
            if PARTICLES.contains(&w) {
                out.push_str(w);
                continue;
            }
        }
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// The text inside `( ... )` notes (empty when there are none).
fn notes(s: &str) -> String {
    let mut out = String::new();
    if !s.contains(['(', '（', '[']) {
        return out;
    }
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' => {
                out.push(' ');
                depth += 1;
            }
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Japanese and Korean addresses run from the largest division to the
/// smallest without commas: "東京都品川区大崎1丁目" (Tokyo prefecture,
/// Shinagawa ward), "서울 강남구", "경기도 성남시 분당구". The first-level
/// division is the region, the next city or ward the city.
static EAST_ASIAN_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[［【\[（(][^］】\]）)]{0,20}[］】\]）)]\s*)?(?:(?P<jp>北海道|東京都|大阪府|京都府|\p{Han}{2,3}県)\s*(?P<jc>[^\s、,0-9０-９]+?[市区町村])?|(?P<kr>서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주|충청북|충청남|전라북|전라남|경상북|경상남)(?:특별시|광역시|특별자치시|특별자치도|도)?\s*(?P<kc>[^\s,0-9]+?[시군구])?)",
    )
    .expect("a valid regex")
});

fn east_asian_address(text: &str) -> Option<Location> {
    // Both scripts are outside ASCII; most texts start inside it.
    if text.as_bytes().first().is_none_or(u8::is_ascii) {
        return None;
    }
    let Some(c) = EAST_ASIAN_ADDRESS.captures(text) else { return chinese_address(text) };
    let (region, city, country) = match (c.name("jp"), c.name("kr")) {
        (Some(r), _) => (r, c.name("jc"), "JP"),
        (None, Some(r)) => (r, c.name("kc"), "KR"),
        _ => return None,
    };
    // The capital's own name is its city: "東京都" alone is Tokyo, "서울" Seoul.
    let city = city.map(|m| m.as_str().to_owned()).or_else(|| match region.as_str() {
        "東京都" => Some("東京".to_owned()),
        "서울" => Some("서울".to_owned()),
        _ => None,
    });
    Some(Location {
        city,
        region: Some(region.as_str().to_owned()),
        country: Some(country.to_owned()),
        text: text.to_owned(),
    })
}

/// Chinese addresses, as Chinese ATSs write them: a province and its city
/// ("江苏省-连云港市", "湖北省武汉市", "广东省 深圳市"), a province alone,
/// or one of the four municipalities, which are cities ("北京市-海淀区":
/// Beijing, its Haidian district).
static CHINESE_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<p>河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海)省|(?P<a>内蒙古|广西|西藏|宁夏|新疆)\p{Han}{0,5}?自治区)[-－—\s·]?(?:(?P<c>\p{Han}{2,6}?)(?:市|地区))?|^(?P<m>北京|上海|天津|重庆)市?(?:[-－—\s·]?\p{Han}{1,5}?[区县])?$",
    )
    .expect("a valid regex")
});

/// A Chinese address (see [`CHINESE_ADDRESS`]): the city as boards write
/// it, without 市 ("连云港", "北京", as BOSS and Liepin show it), the
/// province as its region code.
fn chinese_address(text: &str) -> Option<Location> {
    let c = CHINESE_ADDRESS.captures(text.trim())?;
    let (city, region) = match (c.name("m"), c.name("p").or(c.name("a"))) {
        (Some(m), _) => (Some(m.as_str()), None),
        (None, Some(p)) => {
            let code = regions(p.as_str()).iter().find(|(k, _)| *k == "CN").map(|(_, code)| *code);
            (c.name("c").map(|m| m.as_str()), code)
        }
        _ => return None,
    };
    Some(Location {
        city: city.map(str::to_owned),
        region: region.map(str::to_owned),
        country: Some("CN".to_owned()),
        text: text.to_owned(),
    })
}

/// "US-TX-Austin": country and region codes, then the city. iCIMS leaves
/// the parts it does not know empty: "US-IL-" and "US-" name only the
/// region and country.
fn coded_path(text: &str) -> Option<Location> {
    let mut it = text.splitn(3, '-');
    let (cc, rc, city) = (it.next()?, it.next()?.trim(), it.next().map(str::trim));
    let upper =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase());
    let complete = upper(rc, 2..=3) && city.is_some_and(|c| !c.is_empty() && !c.contains('-'));
    let partial = (rc.is_empty() && city.is_none()) || (upper(rc, 2..=3) && city == Some(""));
    if !upper(cc, 2..=2) || !(complete || partial) {
        return None;
    }
    let country = country_code(cc)?;
    let region = regions(rc).iter().find(|(c, _)| *c == country).map(|(_, code)| (*code).to_owned());
    Some(Location {
        city: city.filter(|c| !c.is_empty()).map(str::to_owned),
        region: region.or_else(|| (!rc.is_empty()).then(|| rc.to_owned())),
        country: Some(country.to_owned()),
        text: text.to_owned(),
    })
}

/// Whether `part` writes a US state's code ("ID", "CA") before a number
/// that is no ZIP code (five digits, or five and four): "Job ID 108402".
fn us_code_before_no_zip(part: &str) -> bool {
    let zip = |w: &[u8]| match w.len() {
        5 => w.iter().all(u8::is_ascii_digit),
        10 => w[5] == b'-' && w[..5].iter().chain(&w[6..]).all(u8::is_ascii_digit),
        _ => false,
    };
    part.split_whitespace().zip(part.split_whitespace().skip(1)).any(|(code, number)| {
        code.len() == 2
            && code.bytes().all(|b| b.is_ascii_uppercase())
            && number.bytes().all(|b| b.is_ascii_digit())
            && !zip(number.as_bytes())
            && regions(code).iter().any(|(cc, _)| *cc == "US")
    })
}

/// Parses one location; `None` when nothing place-like is left (e.g. the
/// text only says "Remote").
pub fn parse(raw: &str) -> Option<(Location, Confidence)> {
    // "- Hawthorne, CA" (Stack Overflow: the separator after the employer
    // starts the place's line).
    let text = clean(raw.trim_start().trim_start_matches(['-', '–', '—', '•', '·', '|']))?;
    // "Location Mooresville, North Carolina": a table cell's label and its
    // value on one line, with no colon between; no place's name starts so.
    let text = ["location ", "locations "]
        .iter()
        .find_map(|l| text.get(..l.len()).filter(|h| h.eq_ignore_ascii_case(l)).map(|_| text[l.len()..].to_owned()))
        .filter(|rest| rest.starts_with(char::is_uppercase))
        .unwrap_or(text);
    if let Some(l) = east_asian_address(&text) {
        return Some((l, Confidence::Known));
    }
    // iCIMS and CareerBuilder write "US-TX-Austin", "US-MO-Kansas City".
    if let Some(l) = coded_path(&text) {
        return Some((l, Confidence::Known));
    }
    let mut parts = place_parts(&without_notes(&text));
    let note = notes(&text);
    // "Remote (Canada)": outside the note only a work mode, so the note is
    // the place. Elsewhere notes are asides ("Stockholm (HQ)").
    if parts.is_empty() {
        parts = place_parts(&note);
    }
    if parts.is_empty() {
        return None;
    }
    // "The post is located in the Regional Office for Africa in Accra,
    // Ghana": a sentence's last "in" starts its place, where a country or
    // region follows after a comma.
    if parts.len() >= 2
        && parts[0].split_whitespace().count() > 5
        && let Some((_, after)) = parts[0].rsplit_once(" in ")
    {
        parts[0] = after.trim().to_owned();
    }
    // "Lahore Pakistan": a known city and its country with no comma between.
    if let [only] = parts.as_slice()
        && let Some(split) = city_then_country(only)
    {
        parts = split;
    }
    if country_first(&parts) {
        parts.reverse();
    }
    let n = parts.len();
    // "San Mateo, CA, United States": of three parts or more, a last one
    // that is a country is the country, and a middle "CA" is a state, not
    // Canada. (Two parts stay ambiguous: "Atlanta, Georgia".)
    // "Georgia, United States", "TN, India", "Ontario, Canada": of two, a
    // first part that is a region of the last part's country is that
    // region, though it is also a country (Georgia; Tunisia's code), unless
    // it is a known city ("New York, USA").
    let region_of_tail = |first: &str, tail: Option<&str>| {
        tail.is_some_and(|t| {
            (country_code(first).is_some() || lookup_city(first).is_none())
                && regions(first).iter().any(|(cc, _)| *cc == t)
        })
    };
    let tail_country = match n {
        2 if region_of_tail(&parts[0], country_code(&parts[1])) => country_code(&parts[1]),
        3.. => country_code(&parts[n - 1]),
        _ => None,
    };
    let mut country: Option<&'static str> = tail_country;
    let mut region: Option<(String, Option<&'static str>)> = None; // (text or code, its country)
    let mut rest: Vec<String> = Vec::new();
    // The country of the first part, where that is a known city.
    let first_city_country = parts.first().and_then(|c| lookup_city(c)).and_then(|(cc, _)| cc);
    for (i, p) in parts.iter().enumerate() {
        let is_last = i + 1 == n;
        if is_last && tail_country.is_some() {
            continue;
        }
        let regs = regions(p);
        // "Atlanta, Georgia": a US state name after a city is the state.
        let foreign_city = first_city_country.is_some_and(|c| c != "US");
        let state_first =
            is_last && i > 0 && regs.iter().any(|(cc, _)| *cc == "US") && country.is_none() && !foreign_city;
        // "Hong Kong, HK", "Singapore, SG": a city-state before its code.
        let city_state = !is_last && lookup_city(p).is_some();
        // "Chennai, TN": a region of the first part's city, though it is
        // also a country's code (Tunisia's).
        let city_region = i > 0 && regs.iter().any(|(r, _)| Some(*r) == first_city_country);
        if country.is_none()
            && !state_first
            && !city_state
            && !city_region
            && let Some(c) = country_code(p)
        {
            country = Some(c);
            continue;
        }
        if region.is_none() && !regs.is_empty() && (i > 0 || n == 1 || region_of_tail(p, tail_country)) {
            region = Some((p.clone(), None));
            continue;
        }
        rest.push(p.clone());
    }
    // "Camberwell VIC": a trailing region code inside the city part.
    if region.is_none()
        && let Some(first) = rest.first().cloned()
        && let Some((head, tail)) = first.rsplit_once(' ')
        && !regions(tail).is_empty()
        && tail.len() <= 3
    {
        region = Some((tail.to_owned(), None));
        rest[0] = head.to_owned();
    }
    // Resolve the region against the country, else the city's ("Chennai,
    // TN" is in Tamil Nadu, not Tennessee).
    if let Some((name, _)) = region.clone() {
        let regs = regions(&name);
        let city_country = rest.first().and_then(|c| lookup_city(c)).and_then(|(cc, _)| cc);
        let pick = regs.iter().find(|(cc, _)| Some(*cc) == country).or_else(|| {
            if country.is_none() {
                regs.iter().find(|(cc, _)| Some(*cc) == city_country).or(regs.first())
            } else {
                None
            }
        });
        match pick {
            Some((cc, code)) => {
                country.get_or_insert(cc);
                region = Some(((*GAZ.region_codes.get(&(*cc, *code)).unwrap_or(code)).to_owned(), Some(*cc)));
            }
            // A region of another country: keep it as written.
            None => region = Some((name, None)),
        }
    }
    // "EWS, OBC, SC, ST, UR" (India's reserved categories of posts): a list
    // of acronyms no gazetteer knows is no place, though one of them is a
    // state's code. A place names at most one unknown part in capitals.
    let acronym = |p: &&String| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_uppercase());
    if rest.iter().filter(acronym).count() >= 2 {
        return None;
    }
    let mut city_name = rest.first().cloned();
    // "Data Platform Denver, Colorado" (a department and a place run
    // together where a separator was only drawn): a known city that ends an
    // unknown run of three or four words is the city. Longer runs are
    // sentences ("Get notified about new jobs in Chennai.").
    if let Some(c) = city_name.as_deref().filter(|c| lookup_city(c).is_none()) {
        let words: Vec<&str> = c.split_whitespace().collect();
        if (3..=4).contains(&words.len())
            && let Some(known) = (1..words.len()).map(|i| words[i..].join(" ")).find(|tail| lookup_city(tail).is_some())
        {
            city_name = Some(known);
        }
    }
    // "Bratislava-Staré Mesto-Bratislava" (city, district and region run
    // together by Profesia): a known city first is the city.
    if let Some(c) = city_name.as_deref().filter(|c| c.contains('-') && lookup_city(c).is_none())
        && let Some(head) = c.split('-').next().filter(|h| lookup_city(h).is_some())
    {
        city_name = Some(head.to_owned());
    }
    if region.is_none() && rest.len() > 1 {
        region = Some((rest[1].clone(), None));
    }
    let mut known = country.is_some();
    if let Some(c) = &city_name
        && let Some((cc, reg)) = lookup_city(c)
    {
        known = true;
        if country.is_none() || country == cc {
            if country.is_none() {
                country = cc;
            }
            if region.is_none()
                && let Some(r) = reg
            {
                region = Some((r.to_owned(), cc));
            }
        }
    }
    // "Genève (CH)", "Berlin (Germany)": a note that is a country names it.
    if country.is_none()
        && let Some(c) = country_code(note.trim())
    {
        country = Some(c);
        known = true;
    }
    // "Capitale-Nationale (Québec)": a note that is a region names it, and
    // its country.
    if country.is_none()
        && region.is_none()
        && let [(cc, code)] = regions(note.trim())
    {
        region = Some(((*GAZ.region_codes.get(&(*cc, *code)).unwrap_or(code)).to_owned(), Some(*cc)));
        country = Some(cc);
        known = true;
    }
    // A city-state named as a country: the city is the country.
    if city_name.is_none()
        && let Some(c) = country
        && matches!(c, "SG" | "HK" | "MC" | "LU")
        && parts.len() == 1
    {
        city_name = None;
    }
    // A sentence is no place name ("LINE Hybrid Work 2.0에 따라 근무 가능한
    // 장소에서 근무", "wherever our hybrid policy allows").
    if !known && city_name.as_deref().is_some_and(|c| c.split_whitespace().count() > 4 || c.chars().count() > 40) {
        return None;
    }
    let loc = Location { city: city_name, region: region.map(|(r, _)| r), country: country.map(str::to_owned), text };
    Some((loc, if known { Confidence::Known } else { Confidence::Unknown }))
}

/// Parses a location that a page presents as a location (a field, a
/// label): unknown names are kept as the city.
pub fn parse_field(raw: &str) -> Option<Location> {
    parse(raw).map(|(l, _)| l)
}

/// Parses text that may or may not be a place: only known places count.
pub fn parse_known(raw: &str) -> Option<Location> {
    parse(raw).filter(|(_, c)| *c == Confidence::Known).map(|(l, _)| l)
}

/// Words that offer a choice of places: "Hannover oder Münster", "Lyon ou
/// Paris", "Austin or Remote".
const ALTERNATIVES: &[&str] = &[" or ", " oder ", " ou ", " o ", " of ", " eller "];

/// Places offered as alternatives ("Hannover oder Münster"), where every
/// one is known, or listed as known cities ("Київ, Львів, Варшава
/// (Польща), віддалено"); empty otherwise.
pub fn parse_known_alternatives(raw: &str) -> Vec<Location> {
    let Some(sep) = ALTERNATIVES.iter().find(|s| raw.contains(**s)) else { return known_cities(raw) };
    let pieces: Vec<&str> = raw.split(sep).collect();
    let places: Vec<Location> = pieces.iter().filter_map(|p| parse_known(p)).collect();
    if places.len() == pieces.len() { places } else { Vec::new() }
}

/// A comma list of known cities, each a place ("Київ, Львів, Варшава
/// (Польща), віддалено" on DOU: Kyiv, Lviv or Warsaw, or remote), where
/// "City, Region" is what a comma usually joins. So it is a list only
/// when every part but work modes is a city the gazetteer places in a
/// country, and the list says so by more than a pair: a third city, a
/// work mode beside them, or cities of two countries. Two cities of one
/// country alone may be a district and its city ("Las Condes, Santiago").
fn known_cities(raw: &str) -> Vec<Location> {
    if !raw.contains(',') {
        return Vec::new();
    }
    // Read part by part, and given up at the first that is neither a city
    // nor a work mode: most texts with a comma are "City, Region" or no
    // place, and are told so by their first or second part.
    let (mut cities, mut modes, mut country, mut two_countries) = (Vec::new(), 0, None, false);
    for p in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match lookup_city(without_notes(p).trim()).and_then(|(cc, _)| cc) {
            Some(cc) => {
                two_countries |= country.is_some_and(|c| c != cc);
                country = Some(cc);
                cities.push(p);
            }
            None if is_work_mode(p) => modes += 1,
            None => return Vec::new(),
        }
    }
    if cities.len() < 2 || (cities.len() == 2 && modes == 0 && !two_countries) {
        return Vec::new();
    }
    let places: Vec<Location> = cities.iter().filter_map(|c| parse_known(c)).collect();
    if places.len() == cities.len() { places } else { Vec::new() }
}

/// Splits a field that lists several locations ("Romania / Bulgaria",
/// "Sydney; Tokyo", "Hannover oder Münster").
pub fn parse_list(raw: &str) -> Vec<Location> {
    let alternatives = parse_known_alternatives(raw);
    if !alternatives.is_empty() {
        return alternatives;
    }
    // "北京市,湖北省-武汉市": Chinese addresses listed with commas.
    let listed: Vec<&str> = raw.split([',', '，', '、']).collect();
    let chinese: Vec<Location> = listed.iter().filter_map(|p| chinese_address(p)).collect();
    if chinese.len() > 1 && chinese.len() == listed.len() {
        return chinese;
    }
    let seps: &[&str] = &[" / ", ";", " | ", " • ", "\n"];
    let mut pieces = vec![raw.to_owned()];
    for sep in seps {
        pieces = pieces.iter().flat_map(|p| p.split(sep).map(str::to_owned).collect::<Vec<_>>()).collect();
    }
    let pieces: Vec<String> = pieces
        .into_iter()
        .map(|p| p.trim().trim_end_matches('/').trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    pieces.iter().filter_map(|p| parse_field(p)).collect()
}

/// Normalises a structured address (JSON-LD, microdata).
pub fn from_parts(
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
    fallback: Option<String>,
) -> Option<Location> {
    let useless = |s: &Option<String>| {
        s.as_deref().is_none_or(|v| {
            let f = fold(v);
            f.is_empty() || matches!(f.as_str(), "unavailable" | "n a" | "none" | "null" | "other" | "unknown")
        })
    };
    // A part of the world as the region ("addressRegion": "North America",
    // Teamtailor) is no region of the country.
    let world = |s: &Option<String>| s.as_deref().is_some_and(|v| WORLD_REGIONS.contains(&fold(v).as_str()));
    let (city, region, country) = (
        if useless(&city) { None } else { city },
        if useless(&region) || world(&region) { None } else { region },
        if useless(&country) { None } else { country },
    );

    // "addressRegion": "CA,US" (Eightfold): the region and its country's
    // code in one field.
    let (region, country) = match region.as_deref().and_then(|r| r.split_once(',')) {
        Some((r, c))
            if let Some(k) = country_code(c.trim())
                && country.as_deref().is_none_or(|g| country_code(g) == Some(k)) =>
        {
            (Some(r.trim().to_owned()), country.or_else(|| Some(k.to_owned())))
        }
        _ => (region, country),
    };
    if city.is_none() && region.is_none() && country.is_none() {
        return fallback.as_deref().and_then(parse_field);
    }
    // "Singapore, Singapore" as locality, "Singapore" as region and country:
    // the text says it once.
    let mut pieces: Vec<&str> = Vec::new();
    for piece in [&city, &region, &country].into_iter().flatten().flat_map(|p| p.split(',')).map(str::trim) {
        if !piece.is_empty() && !pieces.iter().any(|q| fold(q) == fold(piece)) {
            pieces.push(piece);
        }
    }
    let text = pieces.join(", ");
    // "Remote", "Remote - Anywhere in Europe" as the locality: a work mode
    // names no city (the text keeps it, and says how the job is worked).
    let mode_only = |c: &String| is_work_mode(c) || (MODE_WORDS.is_match(c) && parse(c).is_none());
    let city = city.filter(|c| !mode_only(c));
    if city.is_none() && region.is_none() && country.is_none() {
        return None;
    }
    // A locality that is really a whole location ("AMER - Canada - Quebec -
    // Montreal - 10 Rue Duke", "［渋谷本社］東京都渋谷区") is parsed as one.
    if let Some(c) = &city
        && (c.contains(" - ") || c.contains(',') || east_asian_address(c).is_some())
        && let Some(mut parsed) = parse_field(c)
    {
        if parsed.country.is_none() {
            parsed.country = country.as_deref().map(field_country);
        }
        parsed.text = text;
        return Some(parsed);
    }
    let cc = country.as_deref().map(field_country);
    // Lever gives the country as the locality ("Greece", no country): a
    // country's name that is no city of the gazetteer (as Singapore and
    // Luxembourg are) names the country, not a city.
    let (city, cc) = match (city, cc) {
        (Some(c), cc)
            if region.is_none()
                && lookup_city(&c).is_none()
                && let Some(k) = country_code(&c)
                && cc.as_deref().is_none_or(|given| given == k) =>
        {
            (None, Some(k.to_owned()))
        }
        other => other,
    };
    // A Japanese prefecture or Korean province names its country
    // (HRMOS: addressRegion "東京都", addressLocality "港区").
    let cc = cc.or_else(|| {
        let joined = format!("{}{}", region.as_deref().unwrap_or(""), city.as_deref().unwrap_or(""));
        east_asian_address(&joined).and_then(|l| l.country)
    });
    let mut cc = cc;
    // Workday tenants name sites "WA Mountlake Terrace Orcas": the region's
    // code, then the city (and sometimes the building). With no region of
    // its own and a capitalised code of the country's regions first, the
    // code is the region.
    let (city, region) = match (city, region) {
        (Some(c), None) => match c.split_once(' ') {
            Some((code, rest))
                if code.len() <= 3
                    && !rest.trim().is_empty()
                    && regions(code).iter().any(|(k, _)| Some(*k) == cc.as_deref()) =>
            {
                (Some(rest.trim().to_owned()), Some(code.to_owned()))
            }
            _ => (Some(c), None),
        },
        other => other,
    };
    // "Dortmund" as the region and no locality: a known city of the
    // country is the city.
    let (city, region) = match (city, region) {
        (None, Some(r))
            if regions(&r).is_empty()
                && let Some((Some(k), _)) = lookup_city(&r)
                && cc.as_deref().is_none_or(|c| c == k) =>
        {
            (Some(r), None)
        }
        other => other,
    };
    // Computrabajo writes the department as the locality and the city as
    // the region ("Antioquia" / "Medellín"): a known region of the
    // country as the locality and a known city of it as the region are
    // swapped. Both must be known, so a town the gazetteer lacks under a
    // region that shares a city's name ("Wunstorf" / "Hannover") stays.
    let (city, region) = match (city, region) {
        (Some(c), Some(r))
            if lookup_city(&c).is_none()
                && regions(&r).is_empty()
                && let Some(k) = cc.as_deref()
                && regions(&c).iter().any(|(rc, _)| *rc == k)
                && lookup_city(&r).is_some_and(|(rc, _)| rc == Some(k)) =>
        {
            (Some(r), Some(c))
        }
        other => other,
    };
    let reg = region.map(|r| {
        // "Capitale-Nationale (Québec)": an area, then its region.
        let regs = match regions(&r) {
            [] => r.split_once('(').and_then(|(_, inner)| inner.strip_suffix(')')).map_or(&[][..], regions),
            regs => regs,
        };
        match regs.iter().find(|(k, _)| Some(*k) == cc.as_deref()) {
            Some((_, code)) => (*code).to_owned(),
            // "Kirkland, WA" with no country: the region's country (the US
            // first where codes collide, as with WA).
            None if cc.is_none() && !regs.is_empty() => {
                cc = Some(regs[0].0.to_owned());
                regs[0].1.to_owned()
            }
            None => r.clone(),
        }
    });
    let mut loc = Location { city, region: reg, country: cc, text };
    if loc.country.is_none()
        && let Some(c) = &loc.city
        && let Some((Some(cc), _)) = lookup_city(c)
    {
        loc.country = Some(cc.to_owned());
    }
    Some(loc)
}

/// A structured address's country as its ISO code where known. The field
/// holds a country, so a code in lower case ("us") is one too, unlike the
/// word "us" in free text.
fn field_country(given: &str) -> String {
    let t = given.trim();
    let code = (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase());
    country_code(code.as_deref().unwrap_or(given)).map_or_else(|| given.to_owned(), str::to_owned)
}

/// Whether two locations name the same place, as far as both say.
pub fn same_place(a: &Location, b: &Location) -> bool {
    let eq = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => fold(x) == fold(y),
        _ => true,
    };
    eq(&a.country, &b.country) && eq(&a.city, &b.city) && eq(&a.region, &b.region)
}

/// How many of city, region and country are known.
pub fn filled(l: &Location) -> usize {
    [&l.city, &l.region, &l.country].iter().filter(|x| x.is_some()).count()
}

/// "our offices in", "vores kontor i", …: phrases after which a description
/// names the place its own office is (and so the job's).
const OFFICE_IN: &[&str] = &[
    "our office in ",
    "our offices in ",
    "vores kontor i ",
    "vårt kontor i ",
    "unserem Büro in ",
    "unserem Standort in ",
    "unseren Standort in ",
    "notre bureau à ",
    "notre bureau de ",
    "nos bureaux à ",
    "nos bureaux de ",
    "nuestra oficina en ",
    "nuestras oficinas en ",
    "ons kantoor in ",
    "nostro ufficio di ",
    "nostra sede di ",
    "naszym biurze w ",
];

static OFFICE_PHRASES: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::builder().ascii_case_insensitive(true).build(OFFICE_IN).expect("office phrases"));

/// The place a description's own office is in ("While this is an onsite
/// position at our offices in Portland, OR", "Fast arbejdssted fra vores
/// kontor i Odense"): the longest run of up to four words after the phrase
/// that the gazetteer knows. Not where a second known place follows ("our
/// offices in London and Berlin"), nor "one of our offices in": those name
/// a choice, not the job's place.
pub fn office_in(description: &str) -> Option<Location> {
    const MAX_WORDS: usize = 4;
    OFFICE_PHRASES.find_iter(description).find_map(|m| {
        if ends_with_ci(description[..m.start()].trim_end(), " of") {
            return None;
        }
        // A place's few words sit in the next 200 bytes: a description of
        // many such phrases and no full stop is read in linear time.
        let mut to = (m.end() + 200).min(description.len());
        while !description.is_char_boundary(to) {
            to -= 1;
        }
        let clause = description[m.end()..to].split(['.', ';', '(', '!', '?', '\n']).next().unwrap_or("");
        // "in downtown Portland, OR, we allow …": a place's words are
        // capitalised; a word or two before them describe it, and the
        // first lower-case word after them starts the sentence's next part.
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let words: Vec<(usize, &str)> =
            clause.split_whitespace().map(|w| (w.as_ptr() as usize - clause.as_ptr() as usize, w)).collect();
        let lead = words.iter().take(2).take_while(|(_, w)| !capital(w)).count();
        let place_words: Vec<(usize, &str)> =
            words[lead..].iter().copied().take_while(|(_, w)| capital(w)).take(MAX_WORDS).collect();
        let start = place_words.first()?.0;
        let (end, place) = place_words.iter().rev().find_map(|&(at, w)| {
            let e = at + w.len();
            parse_known(clause[start..e].trim_end_matches(',')).map(|l| (e, l))
        })?;
        let after = clause[end..].trim_start_matches([',', ' ']);
        let next = after.strip_prefix("and ").or_else(|| after.strip_prefix("& ")).unwrap_or(after);
        let other_city =
            |s: &str| parse_known(s.trim_end_matches(',')).is_some_and(|l| l.city.is_some() && l.city != place.city);
        let another = (1..=MAX_WORDS).any(|n| {
            let words: Vec<&str> = next.split_whitespace().take(n).collect();
            words.len() == n && other_city(&words.join(" "))
        });
        // "London, Berlin": a list the place parser may read as a city and its region.
        let listed = clause[start..end].split(',').skip(1).any(other_city);
        (!another && !listed).then_some(place)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<String>, Option<String>, Option<String>) {
        let l = parse_field(s).expect("a place");
        (l.city, l.region, l.country)
    }

    fn t(c: Option<&str>, r: Option<&str>, k: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
        (c.map(str::to_owned), r.map(str::to_owned), k.map(str::to_owned))
    }

    #[test]
    fn a_description_names_its_own_offices_place() {
        let office = |s: &str| office_in(s).map(|l| (l.city, l.region, l.country));
        // GIVEN sentences that place the job at the employer's office
        let portland = t(Some("Portland"), Some("OR"), Some("US"));
        assert_eq!(
            office("While this is an onsite position at our offices in Portland, OR, we allow staff"),
            Some(portland.clone())
        );
        assert_eq!(
            office("This is a full-time position based in our office in downtown Portland, OR. It reports"),
            Some(portland)
        );
        assert_eq!(office("Fast arbejdssted fra vores kontor i Odense"), Some(t(Some("Odense"), None, Some("DK"))));
        // BUT a choice of offices, one of several, or no known place names none
        assert_eq!(office("You can work from our offices in London and Berlin."), None);
        assert_eq!(office("You can work from our offices in London, Berlin or Paris."), None);
        assert_eq!(office("Join one of our offices in London."), None);
        assert_eq!(office("Lunch is served in our office in the new building."), None);
    }

    #[test]
    fn a_label_and_a_job_id_on_a_place_line_are_no_place_but_a_zip_code_is() {
        // GIVEN a label and a job's number on a line under the title, and US addresses with ZIP codes
        // WHEN each is parsed
        // THEN the job's number is no place ("ID" is Idaho's code too) ...
        assert_eq!(parse("Job ID 108402"), None);
        assert_eq!(parse("Req ID 4411"), None);
        // ... AND a ZIP code, five digits or ZIP+4, leaves its place be
        assert_eq!(p("Boise, ID 83702"), t(Some("Boise"), Some("ID"), Some("US")));
        assert_eq!(p("Boise ID 83702-1234"), t(Some("Boise"), Some("ID"), Some("US")));
        // AND a label before its value with no colon is no part of the place
        assert_eq!(p("Location Mooresville, North Carolina"), t(Some("Mooresville"), Some("NC"), Some("US")));
    }

    #[test]
    fn parses_the_shapes_pages_use() {
        assert_eq!(p("Camberwell VIC 3124, AU"), t(Some("Camberwell"), Some("VIC"), Some("AU")));
        assert_eq!(p("Melbourne, Victoria, Australia"), t(Some("Melbourne"), Some("VIC"), Some("AU")));
        assert_eq!(p("San Francisco, CA"), t(Some("San Francisco"), Some("CA"), Some("US")));
        assert_eq!(p("Boston, MA (Remote)"), t(Some("Boston"), Some("MA"), Some("US")));
        assert_eq!(p("Germany, Munich"), t(Some("Munich"), None, Some("DE")));
        // (a province by its English name is its ISO 3166-2 name)
        assert_eq!(p("Amsterdam, North Holland, Netherlands"), t(Some("Amsterdam"), Some("Noord-Holland"), Some("NL")));
        assert_eq!(p("AMER - Canada - Quebec - Montreal - 10 Rue Duke"), t(Some("Montreal"), Some("QC"), Some("CA")));
        assert_eq!(p("Remote, Canada"), t(None, None, Some("CA")));
        assert_eq!(p("Stockholm (HQ)"), t(Some("Stockholm"), None, Some("SE")));
        assert_eq!(p("Martigny (CH)"), t(Some("Martigny"), None, Some("CH")));
        assert_eq!(p("Springfield (United States)"), t(Some("Springfield"), None, Some("US")));
        assert_eq!(p("Atlanta, Georgia"), t(Some("Atlanta"), Some("GA"), Some("US")));
        assert_eq!(p("Tbilisi, Georgia"), t(Some("Tbilisi"), None, Some("GE")));
        // a known city written in lower case, with a note in lower case
        // (and written as the name is, its region too)
        assert_eq!(
            p("las condes, región metropolitana de santiago"),
            t(Some("Las Condes"), Some("Región Metropolitana de Santiago"), Some("CL"))
        );
        assert_eq!(
            p("lampa, región metropolitana"),
            t(Some("Lampa"), Some("Región Metropolitana de Santiago"), Some("CL"))
        );
        // AND the regions of Chile, Spain, France and Italy are known by their names
        assert_eq!(p("Sevilla, Andalucía"), t(Some("Sevilla"), Some("Andalucía"), Some("ES")));
        assert_eq!(p("Grand-Est"), t(None, Some("Grand Est"), Some("FR")));
        assert_eq!(p("Bergamo, Lombardy"), t(Some("Bergamo"), Some("Lombardia"), Some("IT")));
        // a region in a note names the region and its country
        assert_eq!(p("Capitale-Nationale (Québec)"), t(Some("Capitale-Nationale"), Some("QC"), Some("CA")));
        // a state named like a country, before its country (LinkedIn)
        assert_eq!(p("Georgia, United States"), t(None, Some("GA"), Some("US")));
        // a region before its country, by name or by a code that is also a
        // country's (Tunisia's TN), is the region; a known city stays the city
        assert_eq!(p("TN, India"), t(None, Some("Tamil Nadu"), Some("IN")));
        assert_eq!(p("Chennai, TN"), t(Some("Chennai"), Some("Tamil Nadu"), Some("IN")));
        assert_eq!(p("Nashville, TN"), t(Some("Nashville"), Some("TN"), Some("US")));
        assert_eq!(p("Memphis, TN"), t(Some("Memphis"), Some("TN"), Some("US")));
        assert_eq!(p("Tamil Nadu, India"), t(None, Some("Tamil Nadu"), Some("IN")));
        assert_eq!(p("ON, Canada"), t(None, Some("ON"), Some("CA")));
        assert_eq!(p("New York, USA"), t(Some("New York"), Some("NY"), Some("US")));
        assert_eq!(p("Georgia"), t(None, None, Some("GE")));
        // a street written before its number is no city; a postal district is
        assert_eq!(p("Chalupkova 4, Bratislava, Slovakia"), t(Some("Bratislava"), None, Some("SK")));
        assert_eq!(p("Hauptstraße 12a, München"), t(Some("München"), None, Some("DE")));
        assert_eq!(p("Karenslyst Allé 12–14, Oslo"), t(Some("Oslo"), None, Some("NO")));
        assert_eq!(p("- Hawthorne, CA"), t(Some("Hawthorne"), Some("CA"), Some("US")));
        assert_eq!(p("Dublin 2, Ireland"), t(Some("Dublin"), None, Some("IE")));
        // a country and its city with a slash between (ASUS)
        assert_eq!(p("臺灣 / 臺北"), t(Some("臺北"), None, Some("TW")));
        // iCIMS and CareerBuilder: country, region, city
        assert_eq!(p("US-MO-Kansas City"), t(Some("Kansas City"), Some("MO"), Some("US")));
        assert_eq!(p("CA-ON-Toronto"), t(Some("Toronto"), Some("ON"), Some("CA")));
        // Chinese ATSs: province and city, a municipality and its district
        assert_eq!(p("江苏省-连云港市"), t(Some("连云港"), Some("Jiangsu"), Some("CN")));
        assert_eq!(p("湖北省武汉市"), t(Some("武汉"), Some("Hubei"), Some("CN")));
        assert_eq!(p("北京市-海淀区"), t(Some("北京"), None, Some("CN")));
        assert_eq!(p("广西壮族自治区"), t(None, Some("Guangxi"), Some("CN")));
        let list: Vec<_> = parse_list("北京市,湖北省-武汉市").into_iter().map(|l| (l.city, l.region)).collect();
        assert_eq!(list, [(Some("北京".into()), None), (Some("武汉".into()), Some("Hubei".into()))]);
        // an employer's own name for a site is no place
        assert!(parse_field("Headquarters").is_none());
        assert_eq!(p("HQ, Berlin"), t(Some("Berlin"), None, Some("DE")));
        // SilkRoad's region and country codes in one part
        assert_eq!(p("Midwest City, OK US"), t(Some("Midwest City"), Some("OK"), Some("US")));
        // and leaves the parts it does not know empty
        assert_eq!(p("US-IL-"), t(None, Some("IL"), Some("US")));
        assert_eq!(p("US-"), t(None, None, Some("US")));
        assert_eq!(p("Chalupkova 4, Bratislava-Staré Mesto-Bratislava"), t(Some("Bratislava"), None, Some("SK")));
        assert!(parse_field("Remote").is_none());
    }

    #[test]
    fn a_country_written_last_wins_over_a_state_code_that_is_also_a_country_code() {
        // GIVEN city, state code, country, where the state code is also a
        // country's ("CA" is Canada, "GA" Gabon, "IN" India)
        // THEN the last part is the country and the code is its state
        assert_eq!(p("San Mateo, CA, United States"), t(Some("San Mateo"), Some("CA"), Some("US")));
        assert_eq!(p("Savannah, GA, USA"), t(Some("Savannah"), Some("GA"), Some("US")));
        assert_eq!(p("Indianapolis, IN, US"), t(Some("Indianapolis"), Some("IN"), Some("US")));
        assert_eq!(p("Atlanta, Georgia, USA"), t(Some("Atlanta"), Some("GA"), Some("US")));
        // AND a region of another country still resolves against it
        assert_eq!(p("London, Ontario, Canada"), t(Some("London"), Some("ON"), Some("CA")));
    }

    #[test]
    fn a_place_written_from_the_country_down_is_read_the_other_way() {
        // GIVEN country, region, city (Hungarian boards), and country, city
        // THEN the city is the last part and the region the middle one
        assert_eq!(p("Magyarország,Pest,Budaörs"), t(Some("Budaörs"), Some("Pest"), Some("HU")));
        assert_eq!(p("India, Maharashtra, Pune"), t(Some("Pune"), Some("Maharashtra"), Some("IN")));
        assert_eq!(p("Canada, Ontario"), t(None, Some("ON"), Some("CA")));
        assert_eq!(p("Hungary, Zalaszentgrót"), t(Some("Zalaszentgrót"), None, Some("HU")));
        // AND a city-state first is the city, and a country last the country
        assert_eq!(p("Singapore, Central Region, Singapore"), t(Some("Singapore"), Some("Central Region"), Some("SG")));
    }

    #[test]
    fn chinese_indian_and_german_regions_name_their_country() {
        // GIVEN a city and its province or state, with no country
        // THEN the region names the country, in English
        assert_eq!(p("Zhuhai, Guangdong"), t(Some("Zhuhai"), Some("Guangdong"), Some("CN")));
        assert_eq!(p("Pune, Maharashtra"), t(Some("Pune"), Some("Maharashtra"), Some("IN")));
        assert_eq!(p("Erlangen, Bavaria"), t(Some("Erlangen"), Some("Bayern"), Some("DE")));
        assert_eq!(p("Karnataka"), t(None, Some("Karnataka"), Some("IN")));
        // AND a city-state alone is the city
        assert_eq!(p("Berlin"), t(Some("Berlin"), None, Some("DE")));
        assert_eq!(p("Shanghai"), t(Some("Shanghai"), None, Some("CN")));
    }

    #[test]
    fn a_work_mode_written_around_a_place_leaves_the_place() {
        // GIVEN location texts that say how as well as where
        for (text, country) in [
            ("Remotely from US", "US"),
            ("Remote from Germany", "DE"),
            ("Remote in Spain", "ES"),
            ("Anywhere in the United States", "US"),
            ("Remote (Canada)", "CA"),
            ("USA – Remote", "US"),
            ("US Remote", "US"),
            ("Remote Canada", "CA"),
            ("Hybrid in Berlin, Germany", "DE"),
        ] {
            // THEN only the place is kept, as a country (or city) and never
            // as a city named after the whole phrase
            let l = parse_known(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(l.country.as_deref(), Some(country), "{text}");
            assert!(!l.city.as_deref().is_some_and(|c| c.contains(' ') && fold(c).contains("remote")), "{text}");
            assert_eq!(l.text, text);
        }
        // AND a work mode beside a world region alone is no place
        assert!(parse_field("Remote – EMEA").is_none());
        assert!(parse_field("Remote (Worldwide)").is_none());
        assert!(parse_field("Anywhere in Europe").is_none());
        assert!(parse_field("Partially remote").is_none_or(|l| l.city.as_deref() != Some("Partially")));
        // AND a note beside a place is still only an aside
        assert_eq!(p("Berlin (Remote)"), t(Some("Berlin"), None, Some("DE")));
    }

    #[test]
    fn bare_job_market_cities_name_their_country() {
        // GIVEN cities written alone, as many job pages do
        for (city, region, country) in [
            ("Leipzig", None, "DE"),
            ("Raleigh", Some("NC"), "US"),
            ("Cardiff", Some("WLS"), "GB"),
            ("Poznań", None, "PL"),
            ("Monterrey", None, "MX"),
            ("Addis Ababa", None, "ET"),
            ("Hsinchu", None, "TW"),
        ] {
            // THEN each is a known place in its country
            let l = parse_known(city).unwrap_or_else(|| panic!("{city}"));
            assert_eq!(
                (l.city.as_deref(), l.region.as_deref(), l.country.as_deref()),
                (Some(city), region, Some(country))
            );
        }
        // AND countries written in their own language are known
        assert_eq!(p("Praha, Česko").2.as_deref(), Some("CZ"));
        assert_eq!(p("서울, 대한민국").2.as_deref(), Some("KR"));
        assert_eq!(p("Zagreb, Hrvatska").2.as_deref(), Some("HR"));
        // AND a name that several countries share gives no country
        assert_eq!(p("Birmingham").2, None);
        // AND a US state's code is never read as another country's
        assert_eq!(p("Minneapolis, MN"), t(Some("Minneapolis"), Some("MN"), Some("US")));
        assert_eq!(p("Belfast, NI").2.as_deref(), Some("GB"));
        // alpha-3 codes in capitals, as some boards write them
        assert_eq!(p("BRA").2.as_deref(), Some("BR"));
        assert_eq!(p("Munich, DEU").2.as_deref(), Some("DE"));
        assert!(parse_known("Bra").is_none());
        assert!(ALPHA3.windows(2).all(|w| w[0].0 < w[1].0), "ALPHA3 is sorted");
    }

    #[test]
    fn japanese_and_korean_addresses_give_region_and_city() {
        // GIVEN addresses written largest division first, without commas
        assert_eq!(p("東京都品川区大崎1丁目"), t(Some("品川区"), Some("東京都"), Some("JP")));
        assert_eq!(p("大阪府大阪市北区"), t(Some("大阪市"), Some("大阪府"), Some("JP")));
        assert_eq!(p("神奈川県横浜市"), t(Some("横浜市"), Some("神奈川県"), Some("JP")));
        assert_eq!(p("東京都"), t(Some("東京"), Some("東京都"), Some("JP")));
        assert_eq!(p("서울 강남구 테헤란로 123"), t(Some("강남구"), Some("서울"), Some("KR")));
        assert_eq!(p("경기도 성남시 분당구"), t(Some("성남시"), Some("경기"), Some("KR")));
        // AND a Chinese county (县, not 県) is no Japanese prefecture
        assert_ne!(p("昆明市富民县").2.as_deref(), Some("JP"));
        // a bracketed note before the address ("［渋谷本社］", the head office)
        assert_eq!(p("［渋谷本社］東京都渋谷区"), t(Some("渋谷区"), Some("東京都"), Some("JP")));
    }

    #[test]
    fn only_known_places_count_when_the_text_may_be_anything() {
        assert!(parse_known("Business Enablement").is_none());
        // a department run into a known city leaves the city
        assert_eq!(p("Data Platform Denver, Colorado"), t(Some("Denver"), Some("CO"), Some("US")));
        assert_eq!(p("North Vancouver, BC"), t(Some("North Vancouver"), Some("BC"), Some("CA")));
        assert!(parse_known("Get notified about new Python Developer jobs in Chennai.").is_none());
        // a sentence in a location field is no place
        assert!(parse_field("Wherever our hybrid work policy lets you work").is_none());
        assert!(parse_field("LINE Hybrid Work 2.0에 따라 근무 가능한 장소에서 근무").is_none());
        assert!(parse_known("Stockholm (HQ)").is_some());
        // a list of acronyms is no place, though "SC" is a state's code
        assert!(parse_field("EWS, OBC, SC, ST, UR").is_none());
        assert!(parse_known("BC, SC, ST").is_none());
        assert_eq!(p("NYC, NY, US"), t(Some("NYC"), Some("NY"), Some("US")));
        assert!(parse_known("QQQ, AL").is_some());
    }

    #[test]
    fn structured_addresses_that_misfile_their_parts_are_read_as_meant() {
        let parts = |c: Option<&str>, r: Option<&str>, k: Option<&str>| {
            let l = from_parts(c.map(Into::into), r.map(Into::into), k.map(Into::into), None).expect("a place");
            (l.city, l.region, l.country)
        };
        // GIVEN a city given as the region, with no locality THEN it is the city
        assert_eq!(parts(None, Some("Dortmund"), Some("DE")), t(Some("Dortmund"), None, Some("DE")));
        // BUT not a city of another country, nor a region that is one
        assert_eq!(parts(None, Some("Dortmund"), Some("FR")), t(None, Some("Dortmund"), Some("FR")));
        assert_eq!(parts(None, Some("New York"), Some("US")), t(None, Some("NY"), Some("US")));
        // GIVEN an area before its region in brackets THEN the region
        assert_eq!(parts(None, Some("Capitale-Nationale (Québec)"), Some("CA")), t(None, Some("QC"), Some("CA")));
        // GIVEN a Dutch province's code THEN its name, as other countries' regions are kept
        assert_eq!(
            parts(Some("Amsterdam"), Some("NH"), Some("NL")),
            t(Some("Amsterdam"), Some("Noord-Holland"), Some("NL"))
        );
        assert_eq!(parts(Some("Manchester"), Some("NH"), None), t(Some("Manchester"), Some("NH"), Some("US")));
        // GIVEN a department as the locality and its city as the region (Computrabajo) THEN swapped
        assert_eq!(
            parts(Some("Antioquia"), Some("Medellín"), Some("Colombia")),
            t(Some("Medellín"), Some("Antioquia"), Some("CO"))
        );
        assert_eq!(
            parts(Some("Jalisco"), Some("Guadalajara"), Some("MX")),
            t(Some("Guadalajara"), Some("Jalisco"), Some("MX"))
        );
        // BUT not an unknown town under a region named as a city, nor a city of another country
        assert_eq!(
            parts(Some("Wunstorf"), Some("Hannover"), Some("DE")),
            t(Some("Wunstorf"), Some("Hannover"), Some("DE"))
        );
        assert_eq!(
            parts(Some("Antioquia"), Some("Guadalajara"), Some("CO")),
            t(Some("Antioquia"), Some("Guadalajara"), Some("CO"))
        );
        // AND the page's own order reads as written
        assert_eq!(p("Medellín, Antioquia"), t(Some("Medellín"), Some("Antioquia"), Some("CO")));
    }

    #[test]
    fn a_place_without_its_commas_or_inside_a_sentence_is_found() {
        // GIVEN a city and its country with no comma THEN both
        assert_eq!(p("Lahore Pakistan"), t(Some("Lahore"), None, Some("PK")));
        // BUT not a city of another country, nor a name of a city and a code
        assert!(parse_known("Lahore Germany").is_none_or(|l| l.city.as_deref() != Some("Lahore")));
        // GIVEN a sentence that ends in a place THEN the place after its last "in"
        assert_eq!(
            p("The post is located in the Regional Office for Africa in Accra, Ghana."),
            t(Some("Accra"), None, Some("GH"))
        );
        // BUT a sentence with no place after a comma is none
        assert!(parse_known("Get notified about new Python Developer jobs in Chennai.").is_none());
    }

    #[test]
    fn structured_addresses_are_normalised_and_placeholders_dropped() {
        let l = from_parts(Some("Hong Kong".into()), Some("UNAVAILABLE".into()), Some("HK".into()), None).unwrap();
        assert_eq!((l.city.as_deref(), l.region, l.country.as_deref()), (Some("Hong Kong"), None, Some("HK")));
        let l = from_parts(Some("San Francisco".into()), Some("California".into()), Some("United States".into()), None)
            .unwrap();
        assert_eq!((l.region.as_deref(), l.country.as_deref()), (Some("CA"), Some("US")));
        assert!(from_parts(None, None, None, None).is_none());
        // A site named by its region's code and city (Workday's) has that region
        let l = from_parts(Some("WA Mountlake Terrace".into()), None, Some("United States of America".into()), None)
            .unwrap();
        assert_eq!(
            (l.city.as_deref(), l.region.as_deref(), l.country.as_deref()),
            (Some("Mountlake Terrace"), Some("WA"), Some("US"))
        );
        // but a city whose first word is no region code of its country keeps it
        let l = from_parts(Some("Le Mans".into()), None, Some("FR".into()), None).unwrap();
        assert_eq!((l.city.as_deref(), l.region.as_deref()), (Some("Le Mans"), None));
        // a work mode as the locality names no city
        let l = from_parts(Some("Remote".into()), None, Some("US".into()), None).unwrap();
        assert_eq!((l.city, l.country.as_deref()), (None, Some("US")));
        assert!(from_parts(Some("Remote - Anywhere in Europe".into()), None, None, None).is_none());
        let l = from_parts(Some("Hybrid - London".into()), None, Some("GB".into()), None).unwrap();
        assert_eq!((l.city.as_deref(), l.country.as_deref()), (Some("London"), Some("GB")));
        // a city-state named at every level is written once
        let l =
            from_parts(Some("Singapore, Singapore".into()), Some("Singapore".into()), Some("Singapore ".into()), None)
                .unwrap();
        assert_eq!(
            (l.city.as_deref(), l.country.as_deref(), l.text.as_str()),
            (Some("Singapore"), Some("SG"), "Singapore")
        );
        // a country's code in lower case is still the country's code
        let l = from_parts(Some("Crystal Lake".into()), Some("IL".into()), Some("us".into()), None).unwrap();
        assert_eq!((l.region.as_deref(), l.country.as_deref()), (Some("IL"), Some("US")));
        // a country given as the locality (Lever's) is the country, not a city
        let l = from_parts(Some("Greece".into()), None, None, None).unwrap();
        assert_eq!((l.city, l.country.as_deref(), l.text.as_str()), (None, Some("GR"), "Greece"));
        let l = from_parts(Some("Spain".into()), None, Some("ES".into()), None).unwrap();
        assert_eq!((l.city, l.country.as_deref()), (None, Some("ES")));
        // but a city-state or a city named as its country stays a city
        let l = from_parts(Some("Luxembourg".into()), None, None, None).unwrap();
        assert_eq!((l.city.as_deref(), l.country.as_deref()), (Some("Luxembourg"), Some("LU")));
    }

    #[test]
    fn places_offered_as_alternatives_or_listed_as_cities_are_each_a_location() {
        // GIVEN "X or Y" in German, French and English
        let cities = |raw: &str| parse_list(raw).into_iter().map(|l| l.city).collect::<Vec<_>>();
        // THEN each known place is a location
        assert_eq!(cities("Hannover oder Münster"), vec![Some("Hannover".to_owned()), Some("Münster".to_owned())]);
        assert_eq!(cities("Lyon ou Paris"), vec![Some("Lyon".to_owned()), Some("Paris".to_owned())]);
        // AND a place whose name holds the word stays whole
        assert_eq!(parse_list("Isle of Man").len(), 1);
        assert!(parse_known_alternatives("Austin or somewhere nice").is_empty());
        // AND a comma list of known cities is a list where it says so: a
        // third city, a work mode, or a second country
        let cities =
            |raw: &str| parse_known_alternatives(raw).into_iter().map(|l| (l.city, l.country)).collect::<Vec<_>>();
        let c = |city: &str, cc: &str| (Some(city.to_owned()), Some(cc.to_owned()));
        assert_eq!(cities("Київ, Варшава (Польща), віддалено"), vec![c("Київ", "UA"), c("Варшава", "PL")]);
        assert_eq!(cities("Київ, Львів, віддалено"), vec![c("Київ", "UA"), c("Львів", "UA")]);
        assert_eq!(cities("Dublin, Cork, Galway"), vec![c("Dublin", "IE"), c("Cork", "IE"), c("Galway", "IE")]);
        assert_eq!(cities("London, Paris"), vec![c("London", "GB"), c("Paris", "FR")]);
        // BUT two cities of one country may be a district and its city, and
        // a region or a country is no city
        assert!(cities("Las Condes, Santiago").is_empty());
        assert!(cities("Berlin, Germany, Remote").is_empty());
        assert!(cities("Austin, TX, Remote").is_empty());
    }

    #[test]
    fn lists_split_into_locations() {
        let l = parse_list("Romania / Bulgaria / Skopje");
        assert_eq!(l.len(), 3);
        assert_eq!(l[2].city.as_deref(), Some("Skopje"));
        assert_eq!(l[2].country.as_deref(), Some("MK"));
    }
}
