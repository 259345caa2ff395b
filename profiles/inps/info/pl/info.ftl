### Komunikaty informacyjne (R-INFO-1, R-INFO-2), polski. Przetłumaczone z tekstu włoskiego.
### Fakty z DOMAIN §6, stan na początek 2026 r. Kwoty zmieniają się co roku: sprawdzać w styczniu.
### Liczby bez spacji między tysiącami, bo syntezator mowy źle je wtedy czyta.

# R-INFO-1
info-intro = Zanim połączymy cię z konsultantem, kilka przydatnych informacji.

# R-INFO-1
info-bonus-asilo-nido =
    Dodatek żłobkowy, bonus asilo nido, pomaga opłacić publiczny lub prywatny żłobek,
    albo opiekę w domu nad dzieckiem poniżej 3 lat z ciężką chorobą przewlekłą.
    Jest wypłacany w maksymalnie 11 ratach miesięcznych.
    Kwota zależy od wskaźnika ISEE i od daty urodzenia dziecka: według zasad z 2025 roku,
    dla dzieci urodzonych od 2024 roku i przy ISEE do 40000 euro wynosi 3600 euro rocznie.
    Wniosek składa się online na stronie INPS, inps kropka it, z dołączonymi potwierdzeniami opłat.

# R-INFO-1
info-pin-credentials =
    Do usług online INPS potrzebujesz tożsamości cyfrowej: SPID,
    elektronicznego dowodu osobistego CIE albo karty CNS.
    Do usług telefonicznych możesz użyć telefonicznego PIN-u: zaloguj się tożsamością cyfrową
    do swojego obszaru MyINPS i wybierz funkcję PIN telefonico.
    Sam wybierasz okres ważności: jeden dzień, tydzień, miesiąc albo 3 miesiące.
    Jeśli wygenerujesz nowy PIN, poprzedni przestaje działać.

# R-INFO-1
info-digital-identity-delegation =
    Jeśli nie możesz sam korzystać z usług online, możesz upoważnić zaufaną osobę,
    która będzie działać w twoim imieniu za pomocą własnego SPID, CIE lub CNS.
    Upoważnienie rejestruje się w dowolnym oddziale INPS na formularzu AA08 z kopią dokumentu tożsamości,
    albo online w MyINPS, w części Deleghe identità digitali.
    Osoby leżące lub przebywające w szpitalu używają formularza AA09;
    opiekunowie prawni, kuratorzy i rodzice używają formularza AA10.
    Można mieć tylko jedną upoważnioną osobę, a upoważnienie można w każdej chwili odwołać.

# R-INFO-1
info-disability-card =
    Europejska karta osoby z niepełnosprawnością jest bezpłatna i potwierdza niepełnosprawność,
    dzięki czemu można korzystać z bezpłatnych lub tańszych usług, na przykład transportu, kultury i rekreacji,
    we Włoszech i w uczestniczących krajach Unii Europejskiej.
    Przysługuje między innymi osobom z inwalidztwem cywilnym co najmniej 67%, niepełnosprawnym dzieciom
    i osobom pobierającym dodatek pielęgnacyjny.
    Wniosek składa się online na stronie INPS, inps kropka it, ze zdjęciem,
    albo przez upoważnione stowarzyszenia.
    Karta przychodzi pocztą i jest ważna, dopóki trwa niepełnosprawność, najdłużej 10 lat.

# R-INFO-1
info-auu =
    Jednolite świadczenie na dzieci, assegno unico e universale, to miesięczna pomoc na każde dziecko na utrzymaniu,
    od siódmego miesiąca ciąży do 21 lat, a w przypadku dzieci z niepełnosprawnością bez limitu wieku.
    Nie trzeba pracować, a kwota zależy od wskaźnika ISEE.
    Wniosek składa się tylko raz: online, przez patronato albo pod tym numerem z telefonicznym PIN-em,
    a w kolejnych latach świadczenie jest wypłacane dalej automatycznie.
    Pamiętaj, aby co roku, w styczniu lub lutym, odnowić ISEE i zaktualizować wniosek,
    gdy coś się zmieni, na przykład po narodzinach dziecka albo przy zmianie numeru IBAN.

# R-INFO-1
info-pension-video-guide =
    Po przyznaniu emerytury INPS wysyła nowym emerytom SMS albo e-mail
    z linkiem do spersonalizowanego, interaktywnego przewodnika wideo.
    Przewodnik prostymi słowami wyjaśnia twoją emeryturę: jak została obliczona, jej kwotę,
    podatki, miesięczny odcinek emerytury i przydatne usługi online.
    Jeśli zgubiłeś link, przewodnik wideo znajdziesz w swoim obszarze MyINPS albo w aplikacji IO.

# R-INFO-1
info-degree-redemption =
    Preferencyjny wykup lat studiów, riscatto agevolato della laurea, pozwala zaliczyć lata studiów
    do emerytury, w ustawowym czasie trwania studiów, za okresy od 1996 roku.
    Mogą z niego skorzystać także osoby, które jeszcze nie pracowały, bez względu na wiek.
    Koszt za każdy rok jest stały: w 2025 roku wynosił 6123,15 euro.
    Można zapłacić jednorazowo albo w maksymalnie 120 nieoprocentowanych ratach miesięcznych, a kwotę można odliczyć od podatku.
    Wniosek składa się online na stronie INPS, inps kropka it.

# R-INFO-1
info-sickness-benefit =
    Zasiłek chorobowy przysługuje wielu pracownikom sektora prywatnego, na przykład robotnikom,
    pracownikom handlu i usług, praktykantom i pracownikom rolnym;
    nie przysługuje pomocom domowym, pracownikom biurowym w przemyśle ani osobom samozatrudnionym.
    Zaświadczenie wysyła do INPS lekarz, drogą elektroniczną.
    Zasiłek jest wypłacany od czwartego dnia: 50% średniego dziennego wynagrodzenia do dwudziestego dnia
    i 66,66% od dwudziestego pierwszego, najwyżej przez 180 dni w roku; zwykle wypłaca go z góry pracodawca.
    W czasie choroby musisz być dostępny w domu w godzinach wizyt kontrolnych.

# R-INFO-1
info-io-domestic-due-dates =
    Jeśli zatrudniasz pomoc domową, na przykład osobę do sprzątania, opiekunkę lub nianię,
    aplikacja IO może przypominać ci o każdym terminie składek, a zapłacić możesz bezpośrednio w aplikacji.
    Składki płaci się co 3 miesiące, w pierwszych 10 dniach kwietnia, lipca, października i stycznia.
    Aby dostawać przypomnienia, zaloguj się do aplikacji IO przez SPID lub CIE, otwórz usługi INPS
    i sprawdź, czy wiadomości są włączone; musisz też wybrać otrzymywanie
    zawiadomień o płatności pagoPA dla pracy domowej.

# R-INFO-1
info-io-linea-progress =
    Jeśli wysłałeś zapytanie do INPS przez Linea INPS albo INPS Risponde,
    aplikacja IO powiadomi cię o każdym etapie jego rozpatrywania.
    Aby dostawać powiadomienia, zaloguj się do aplikacji IO przez SPID lub CIE, otwórz usługi INPS
    i sprawdź, czy wiadomości są włączone.
    Stan zapytania możesz też sprawdzić w automatycznych usługach pod tym numerem,
    podając swój kod podatkowy i numer zapytania.

# R-INFO-1
info-adi =
    Zasiłek integracyjny, assegno di inclusione, to pomoc dla ubogich rodzin, w których jest osoba z niepełnosprawnością,
    dziecko, osoba w wieku co najmniej 60 lat albo osoba w trudnej sytuacji pod opieką pomocy społecznej.
    Potrzebny jest niski wskaźnik ISEE: w 2025 roku do 10140 euro.
    Świadczenie jest wypłacane na kartę ADI przez 18 miesięcy, z możliwością przedłużenia o kolejne 12 miesięcy;
    od 2026 roku pierwszy miesiąc po przedłużeniu jest płatny w 50%.
    Wniosek składa się online, przez patronato albo przez CAF;
    potem podpisuje się umowę aktywizacyjną na platformie SIISL.

# R-INFO-1
info-sfl =
    Wsparcie na szkolenie i pracę, supporto per la formazione e il lavoro, jest dla osób w wieku od 18 do 59 lat
    z rodzin o niskim ISEE, w 2025 roku do 10140 euro,
    które biorą udział w szkoleniach lub projektach zawodowych.
    Wynosi 500 euro miesięcznie przez czas trwania projektu, najwyżej 12 miesięcy,
    z możliwością przedłużenia, jeśli kurs jeszcze się nie skończył.
    Nie przysługuje osobom, które w ciągu ostatnich 12 miesięcy same zrezygnowały z pracy.
    Wniosek składa się online na stronie INPS, inps kropka it,
    a potem podpisuje się umowę aktywizacyjną na platformie SIISL.

# R-INFO-1
info-pin-intermediaries =
    Także firmy i pośrednicy, na przykład biura kadrowo-płacowe, CAF i patronaty,
    korzystają z usług online INPS wyłącznie z osobistą tożsamością cyfrową: SPID, CIE lub CNS.
    Starego PIN-u INPS nie można już używać.
    Każda osoba działająca w imieniu firmy lub pośrednika loguje się własnymi danymi
    i musi mieć uprawnienia do tej roli.
    Usługi są na stronie INPS, inps kropka it; w sprawie uprawnień pomoże ci konsultant.

# R-INFO-2
menu-naspi =
    Naspi, zasiłek dla bezrobotnych.
    Aby poznać warunki, wybierz 1. Aby dowiedzieć się, jak złożyć wniosek, wybierz 2.
    Aby poznać czas trwania i początek, wybierz 3. Aby poznać kwotę, wybierz 4.
    Aby porozmawiać z konsultantem, wybierz 9.

# R-INFO-2
detail-naspi-requirements =
    Naspi przysługuje pracownikom, którzy stracili pracę nie z własnej woli,
    także po rozwiązaniu umowy z ważnej przyczyny; dotyczy też praktykantów, członków spółdzielni
    i pracowników sektora publicznego zatrudnionych na czas określony.
    Potrzeba co najmniej 13 tygodni składek w ciągu 4 lat przed utratą pracy.
    Jeśli w ciągu 12 miesięcy wcześniej sam zrezygnowałeś z innej pracy,
    te 13 tygodni musisz przepracować w nowej pracy.
    Nie przysługuje pracownikom publicznym zatrudnionym na stałe, robotnikom rolnym
    ani osobom, które mają już prawo do emerytury.

# R-INFO-2
detail-naspi-how-to-apply =
    Wniosek o Naspi składa się online na stronie INPS, inps kropka it,
    przez SPID, CIE lub CNS, albo przez patronato.
    Trzeba go złożyć w ciągu 68 dni od zakończenia stosunku pracy.

# R-INFO-2
detail-naspi-duration =
    Naspi wypłaca się przez połowę tygodni składkowych z ostatnich 4 lat, najwyżej przez 24 miesiące.
    Przysługuje od ósmego dnia po zakończeniu pracy,
    albo od dnia po złożeniu wniosku, jeśli wniosek złożono później.

# R-INFO-2
detail-naspi-amount =
    Naspi wynosi 75% średniego miesięcznego wynagrodzenia do kwoty 1456,72 euro,
    plus 25% nadwyżki ponad tę kwotę; to wartości na 2026 rok.
    Nie może przekroczyć 1584,70 euro brutto miesięcznie.
    Od szóstego miesiąca zmniejsza się co miesiąc o 3%, a jeśli masz co najmniej 55 lat, od ósmego miesiąca.

# R-INFO-2
menu-auu =
    Assegno unico, jednolite świadczenie na dzieci.
    Aby poznać warunki, wybierz 1. Aby dowiedzieć się, jak złożyć wniosek, wybierz 2.
    Aby poznać czas trwania i początek, wybierz 3. Aby poznać kwotę, wybierz 4.
    Aby porozmawiać z konsultantem, wybierz 9.

# R-INFO-2
detail-auu-requirements =
    Assegno unico przysługuje na każde dziecko na utrzymaniu, od siódmego miesiąca ciąży do 18 lat.
    Między 18 a 21 rokiem życia przysługuje, jeśli dziecko się uczy, szkoli, pracuje za niskie wynagrodzenie,
    szuka pracy albo odbywa służbę cywilną.
    Dla dzieci z niepełnosprawnością nie ma limitu wieku.
    Nie trzeba pracować.

# R-INFO-2
detail-auu-how-to-apply =
    Wniosek o assegno unico składa się tylko raz: online na stronie INPS, inps kropka it,
    przez patronato albo pod tym numerem z telefonicznym PIN-em.
    Przyjęty wniosek obowiązuje automatycznie w kolejnych latach; trzeba go zaktualizować, gdy coś się zmieni,
    na przykład po narodzinach dziecka, przy niepełnosprawności, zmianie numeru IBAN albo gdy dziecko skończy 18 lat.

# R-INFO-2
detail-auu-duration =
    Assegno unico jest wypłacane co miesiąc, od siódmego miesiąca ciąży do ukończenia przez dziecko 21 lat,
    a dla dzieci z niepełnosprawnością bez limitu wieku.
    Wskaźnik ISEE trzeba odnawiać co roku, w styczniu lub lutym:
    jeśli złożysz go do końca czerwca, dostaniesz też wyrównanie od marca.

# R-INFO-2
detail-auu-amount =
    Kwota zależy od wskaźnika ISEE. W 2026 roku przy ISEE do 17468,51 euro
    przysługuje 203,80 euro miesięcznie na każde niepełnoletnie dziecko;
    przy ISEE od 46582,71 euro wzwyż albo bez ISEE 58,30 euro.
    Na dzieci w wieku od 18 do 21 lat od 99,10 do 29,10 euro.
    Są dodatki na dzieci poniżej 1 roku, dla rodzin wielodzietnych, na dzieci z niepełnosprawnością
    i gdy pracują oboje rodzice.

# R-INFO-2
menu-maternity-paternity =
    Urlop macierzyński i urlop ojcowski.
    Aby poznać warunki, wybierz 1. Aby dowiedzieć się, jak złożyć wniosek, wybierz 2.
    Aby poznać czas trwania i początek, wybierz 3. Aby poznać kwotę, wybierz 4.
    Aby porozmawiać z konsultantem, wybierz 9.

# R-INFO-2
detail-maternity-paternity-requirements =
    Urlop macierzyński przysługuje pracownicom, a także kobietom pracującym na własny rachunek,
    ubezpieczonym w Gestione separata oraz bezrobotnym w ciągu 60 dni od zakończenia ostatniej pracy.
    Obowiązkowy urlop ojcowski przysługuje ojcom zatrudnionym na etacie,
    w sektorze publicznym i prywatnym, także pracownikom domowym.

# R-INFO-2
detail-maternity-paternity-how-to-apply =
    W przypadku macierzyństwa wniosek składa się online przed rozpoczęciem urlopu,
    najpóźniej rok po jego zakończeniu, podając numer protokołu
    elektronicznego zaświadczenia o ciąży; narodziny trzeba zgłosić w ciągu 30 dni.
    W przypadku urlopu ojcowskiego ojciec zawiadamia pracodawcę co najmniej 5 dni wcześniej,
    a wniosek do INPS składa tylko wtedy, gdy to INPS płaci mu bezpośrednio.
    Wnioski składa się na stronie INPS, inps kropka it, przez SPID, CIE lub CNS.

# R-INFO-2
detail-maternity-paternity-duration =
    Urlop macierzyński trwa 5 miesięcy: zwykle 2 miesiące przed przewidywaną datą porodu i 3 po;
    za zgodą lekarza 1 miesiąc przed i 4 po, albo całe 5 miesięcy po porodzie.
    Urlop ojcowski trwa 10 dni roboczych, przy porodzie mnogim 20,
    i można go wykorzystać od 2 miesięcy przed do 5 miesięcy po narodzinach, także w pojedyncze dni
    i także w czasie urlopu matki.

# R-INFO-2
detail-maternity-paternity-amount =
    Pracownicom w czasie urlopu macierzyńskiego przysługuje 80% średniego dziennego wynagrodzenia;
    zwykle wypłaca je z góry pracodawca, a pomocom domowym i w niektórych innych przypadkach płaci bezpośrednio INPS.
    Urlop ojcowski jest płatny w 100% wynagrodzenia.

# R-INFO-2
menu-parental-leave =
    Urlop rodzicielski.
    Aby poznać warunki, wybierz 1. Aby dowiedzieć się, jak złożyć wniosek, wybierz 2.
    Aby poznać czas trwania i początek, wybierz 3. Aby poznać kwotę, wybierz 4.
    Aby porozmawiać z konsultantem, wybierz 9.

# R-INFO-2
detail-parental-leave-requirements =
    Urlop rodzicielski, congedo parentale, to dobrowolna przerwa w pracy dla rodziców zatrudnionych na etacie.
    Każdemu z rodziców przysługują 3 miesiące, których nie można przekazać drugiemu.
    Od 2026 roku można z niego korzystać, aż dziecko skończy 14 lat.

# R-INFO-2
detail-parental-leave-how-to-apply =
    Wniosek o urlop rodzicielski składa się przed jego rozpoczęciem,
    online na stronie INPS, inps kropka it, przez SPID, CIE lub CNS, albo przez patronato.

# R-INFO-2
detail-parental-leave-duration =
    Urlop rodzicielski trwa łącznie do 10 miesięcy dla obojga rodziców,
    albo 11, jeśli ojciec weźmie co najmniej 3 miesiące.
    Każdemu z rodziców przysługują 3 miesiące, których nie można przekazać drugiemu.
    Od stycznia 2026 roku można z niego korzystać, aż dziecko skończy 14 lat; wcześniej granicą było 12 lat.

# R-INFO-2
detail-parental-leave-amount =
    W urlopie rodzicielskim 3 miesiące są płatne w 80% wynagrodzenia, jeśli zostaną wykorzystane, zanim dziecko skończy 6 lat,
    dla rodziców, których urlop macierzyński lub ojcowski zakończył się w 2025 roku lub później.
    Kolejne 6 miesięcy jest płatnych w 30%.
    Pozostałe miesiące są płatne w 30% tylko rodzicom o niskich dochodach.
