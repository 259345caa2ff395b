# Prompts of the INPS IVR flows (profiles/inps/flows), Polish. Same message ids as it/ivr.ftl.

## Common

no-input = Nie otrzymaliśmy odpowiedzi.
no-match = Przepraszamy, ten wybór jest nieprawidłowy.
digits-no-input = Nie otrzymaliśmy żadnych cyfr.
digits-no-match = Wprowadzony numer jest niepełny.
goodbye = Dziękujemy za telefon do INPS. Do widzenia.
goodbye-no-choice = Nie otrzymaliśmy prawidłowego wyboru. Prosimy zadzwonić ponownie. Do widzenia.
service-error = Przepraszamy, usługa jest w tej chwili niedostępna. Prosimy spróbować ponownie później.

## Language and welcome (R-LANG-1)

language-offer = Aby wybrać język polski, proszę nacisnąć 6.
welcome = Witamy w Centrum Kontaktowym INPS, włoskiego zakładu ubezpieczeń społecznych.

## Main menu

need-ask = Prosimy krótko powiedzieć, czego Państwo potrzebują, na przykład: status wniosku, NASpI, emerytura. Można też nacisnąć 1, aby skorzystać z usług automatycznych, dostępnych całą dobę; 2, aby uzyskać informacje; 3, aby porozmawiać z konsultantem. Aby zmienić język, proszę nacisnąć 9.

## Information (R-INFO-1, R-INFO-2)

info-menu-1 = Informacje. W sprawie NASpI proszę nacisnąć 1. W sprawie jednolitego zasiłku na dzieci, Assegno unico, 2. W sprawie urlopu macierzyńskiego i ojcowskiego, 3. W sprawie urlopu rodzicielskiego, 4. W sprawie dodatku integracyjnego, Assegno di inclusione, 5. W sprawie wsparcia szkoleń i pracy, 6. W sprawie zasiłku chorobowego, 7. W sprawie dofinansowania żłobka, 8. Inne tematy, 9. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę.
info-menu-2 = W sprawie kodu PIN i danych dostępu do usług online proszę nacisnąć 1. W sprawie pełnomocnictwa do tożsamości cyfrowej, 2. W sprawie europejskiej karty niepełnosprawności, 3. W sprawie przewodnika wideo dla nowych emerytów, 4. W sprawie ulgowego wykupu lat studiów, 5. W sprawie powiadomień w aplikacji IO o terminach składek za pracowników domowych, 6. W sprawie powiadomień w aplikacji IO o zapytaniach INPS Linea, 7. W sprawie kodu PIN dla pośredników i firm, 8. Aby wrócić do poprzedniego menu, proszę nacisnąć gwiazdkę.

## Agents (R-ROUTE-1, R-ROUTE-2, R-HOURS-1, R-HOURS-2, R-HOURS-4, R-LANG-2)

agents-choose-group = W jakiej sprawie chcą Państwo porozmawiać z konsultantem? Emerytury, proszę nacisnąć 1. Świadczenia socjalne i wsparcie dochodu, 2. Praca i zatrudnienie, 3. Składki i historia ubezpieczenia, 4. Firmy i pracodawcy, 5. Niepełnosprawność i inwalidztwo, 6. Płatności i zaświadczenia, 7. Informacja i pomoc dla obywateli, 8. Usługi online, 9. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę.
agents-connecting = Prosimy pozostać na linii: łączymy z pierwszym wolnym konsultantem. W sprawach dotyczących danych osobistych prosimy przygotować włoski kod podatkowy i telefoniczny kod PIN.
agents-closed = Nasi konsultanci są w tej chwili niedostępni. Odbierają połączenia od poniedziałku do piątku od ósmej do dwudziestej, a w soboty od ósmej do czternastej czasu włoskiego, z wyjątkiem dni świątecznych.
agents-closed-foreign = Nasi konsultanci są w tej chwili niedostępni. Konsultanci mówiący w Państwa języku odbierają połączenia od poniedziałku do piątku od dziewiątej do czternastej czasu włoskiego. Konsultanci włoskojęzyczni odbierają od poniedziałku do piątku od ósmej do dwudziestej, a w soboty od ósmej do czternastej, z wyjątkiem dni świątecznych.
agents-offer-italian = Konsultanci mówiący w Państwa języku odbierają połączenia od poniedziałku do piątku od dziewiątej do czternastej czasu włoskiego. Teraz można porozmawiać z konsultantem włoskojęzycznym: proszę nacisnąć 1. Usługi automatyczne, dostępne całą dobę, 2. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę. Aby zakończyć połączenie, proszę nacisnąć 0.
agents-offer-self = Usługi automatyczne są dostępne całą dobę, także w dni świąteczne. Aby z nich skorzystać, proszę nacisnąć 1. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę. Aby zakończyć połączenie, proszę nacisnąć 0.
agents-busy = Przepraszamy, w tej chwili nie możemy połączyć z konsultantem. Prosimy spróbować ponownie później.

## Automated services (R-SELF-1..9, R-HOURS-3)

self-menu = Usługi automatyczne. Status wniosku, proszę nacisnąć 1. Składki należne za pracownika domowego, 2. Wysyłka dokumentu do domu, na przykład zestawienia płatności lub historii ubezpieczenia, 3. Status zapytania INPS Linea, 4. Umówienie wizyty, 5. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę.
self-closed = Usługi automatyczne są chwilowo niedostępne. Prosimy spróbować ponownie później.
result-next = Aby odsłuchać ponownie, proszę nacisnąć 1. Inna usługa automatyczna, 2. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę. Aby zakończyć połączenie, proszę nacisnąć 0.
after-service = Inna usługa automatyczna, proszę nacisnąć 1. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę. Aby zakończyć połączenie, proszę nacisnąć 0.
try-again = Aby wprowadzić numer ponownie, proszę nacisnąć 1. Inna usługa automatyczna, 2. Aby wrócić do menu głównego, proszę nacisnąć gwiazdkę. Aby zakończyć połączenie, proszę nacisnąć 0.

## Identification (R-AUTH-3, R-AUTH-4)

id-tax-code = Proszę wprowadzić włoski kod podatkowy, codice fiscale, na klawiaturze telefonu: dla każdej litery proszę nacisnąć raz klawisz, na którym się znajduje, a dla każdej cyfry odpowiedni klawisz.
id-pin = Proszę wprowadzić ośmiocyfrowy telefoniczny kod PIN.
id-birth-date = Aby zakończyć identyfikację, proszę wprowadzić datę urodzenia: dwie cyfry dnia, dwie cyfry miesiąca i cztery cyfry roku.
id-not-recognised = Wprowadzone dane się nie zgadzają. Spróbujmy jeszcze raz.
id-failed = Nie udało się zidentyfikować rozmówcy na podstawie wprowadzonych danych.
id-pin-locked = Ze względów bezpieczeństwa po trzech błędnych próbach telefoniczny kod PIN został zablokowany na trzydzieści minut. Można spróbować ponownie później albo utworzyć nowy kod PIN w strefie osobistej MyINPS na stronie inps.it.

## Status of an application (R-SELF-1)

status-menu = Status wniosku. Jeśli znają Państwo numer wniosku, numer DOMUS lub numer protokołu, proszę nacisnąć 1. Jeśli mają Państwo telefoniczny kod PIN, proszę nacisnąć 2, aby poznać status ostatniego wniosku. Aby wrócić do poprzedniego menu, proszę nacisnąć gwiazdkę. W sprawie wniosku w funduszu pracowników administracji publicznej, dawniej INPDAP, proszę nacisnąć 3.
status-ask-number = Proszę wprowadzić numer wniosku: trzynastocyfrowy numer DOMUS albo dziewiętnastocyfrowy numer protokołu. Na końcu proszę nacisnąć krzyżyk.
status-result =
    Wniosek o { $benefit } { $status ->
        [received] został przyjęty
        [under-review] jest rozpatrywany
        [waiting-for-documents] oczekuje na dokumenty od wnioskodawcy
        [suspended] został zawieszony
        [approved] został zatwierdzony
        [rejected] został odrzucony
        [paid] został zatwierdzony i jest wypłacany
       *[other] jest w trakcie realizacji
    }. Ostatnia aktualizacja: { $status_date }. Właściwy oddział: { $office }.
status-not-found = Dla podanego kodu podatkowego nie znaleziono wniosku o tym numerze.
status-invalid = Wprowadzony numer nie jest prawidłowym numerem wniosku.
latest-result =
    Liczba wniosków: { $count }. Ostatni wniosek, { $benefit }, { $status ->
        [received] został przyjęty
        [under-review] jest rozpatrywany
        [waiting-for-documents] oczekuje na dokumenty od wnioskodawcy
        [suspended] został zawieszony
        [approved] został zatwierdzony
        [rejected] został odrzucony
        [paid] został zatwierdzony i jest wypłacany
       *[other] jest w trakcie realizacji
    }. Ostatnia aktualizacja: { $status_date }.
latest-not-found = Nie znaleziono żadnych wniosków.
latest-unauthorized = Ta usługa wymaga telefonicznego kodu PIN.

## Domestic work contributions (R-SELF-3)

domestic-ask-code = Proszę wprowadzić dziesięciocyfrowy kod stosunku pracy z pracownikiem domowym. Znajduje się on na wezwaniach do zapłaty składek.
domestic-result = Składki za pracownika domowego, kwartał { $quarter }, rok { $year }: kwota do zapłaty wynosi { $amount }, termin płatności: { $due_date }.
domestic-unavailable = Kwota składek za następny kwartał nie jest jeszcze dostępna. Termin płatności: { $due_date }.
domestic-not-found = Dla podanego kodu podatkowego nie znaleziono stosunku pracy domowej o tym kodzie.
domestic-invalid = Wprowadzony kod nie jest prawidłowym kodem stosunku pracy.

## Documents sent home (R-SELF-4..7)

docs-menu = Jaki dokument wysłać na adres zamieszkania? Zestawienie płatności z ostatniego roku, proszę nacisnąć 1. Szczegóły wypłat emerytury, 2. Historię ubezpieczenia, 3. Aby wrócić do poprzedniego menu, proszę nacisnąć gwiazdkę.
docs-menu-cu = Jaki dokument wysłać na adres zamieszkania? Zestawienie płatności z ostatniego roku, proszę nacisnąć 1. Szczegóły wypłat emerytury, 2. Historię ubezpieczenia, 3. Certificazione Unica, czyli roczne zaświadczenie podatkowe, 4. Aby wrócić do poprzedniego menu, proszę nacisnąć gwiazdkę.
docs-cu-ask-year = Proszę wprowadzić rok Certificazione Unica, cztery cyfry. Certificazione Unica z danego roku dotyczy dochodów z roku poprzedniego.
docs-sent =
    { $kind ->
        [payment_statement] Zestawienie płatności zostanie wysłane
        [pension_details] Szczegóły wypłat emerytury zostaną wysłane
        [insurance_record] Historia ubezpieczenia zostanie wysłana
       *[certificazione_unica] Certificazione Unica zostanie wysłana
    } pocztą na adres zamieszkania. Data wysyłki: { $dispatch_date }.
docs-sent-recently =
    { $kind ->
        [payment_statement] Zestawienie płatności zostało już niedawno zamówione
        [pension_details] Szczegóły wypłat emerytury zostały już niedawno zamówione
        [insurance_record] Historia ubezpieczenia została już niedawno zamówiona
       *[certificazione_unica] Certificazione Unica została już niedawno zamówiona
    }. Data wysyłki: { $sent_on }. Prosimy poczekać kilka dni na doręczenie.
docs-no-address = Nie mamy adresu zamieszkania, na który można wysłać dokument. Można go zaktualizować w strefie osobistej MyINPS albo zwrócić się do konsultanta.
docs-not-found =
    { $kind ->
        [payment_statement] Nie znaleziono żadnych płatności z ostatniego roku.
        [pension_details] Nie znaleziono żadnych wypłat emerytury.
        [insurance_record] Nie znaleziono historii ubezpieczenia.
       *[certificazione_unica] Nie znaleziono Certificazione Unica za podany rok.
    }
docs-cu-closed = Certificazione Unica jest wysyłana tylko w czasie corocznej kampanii. Jest zawsze dostępna w strefie osobistej MyINPS na stronie inps.it.

## INPS Linea requests (R-SELF-8)

linea-ask-request = Proszę wprowadzić dwunastocyfrowy numer zapytania INPS Linea: cztery cyfry roku, a po nich osiem cyfr numeru.
linea-result =
    { $status ->
        [received] Zapytanie INPS Linea zostało przyjęte i zostanie rozpatrzone do dnia { $sla_due }.
        [taken-in-charge] Zapytanie INPS Linea jest rozpatrywane; odpowiedź przewidziana jest do dnia { $sla_due }.
        [overdue] Zapytanie INPS Linea jest nadal rozpatrywane: przewidziany termin, { $sla_due }, już minął. Jeśli chcą Państwo je ponaglić, można porozmawiać z konsultantem.
        [waiting-for-citizen] Zapytanie INPS Linea oczekuje na informacje od Państwa: prosimy sprawdzić wysłane przez nas wiadomości.
        [answered] Na zapytanie INPS Linea udzielono odpowiedzi.
        [closed] Zapytanie INPS Linea zostało zamknięte.
       *[other] Zapytanie INPS Linea jest w trakcie realizacji.
    } Właściwy oddział: { $office }.
linea-not-found = Dla podanego kodu podatkowego nie znaleziono zapytania INPS Linea o tym numerze.
linea-invalid = Wprowadzony numer nie jest prawidłowym numerem zapytania.

## Appointments (R-SELF-9)

appt-choose-service = W jakiej sprawie umówić wizytę? Emerytury, proszę nacisnąć 1. Świadczenia socjalne i wsparcie dochodu, 2. Praca i zatrudnienie, 3. Składki i historia ubezpieczenia, 4. Firmy i pracodawcy, 5. Niepełnosprawność i inwalidztwo, 6. Płatności i zaświadczenia, 7. Informacja i pomoc dla obywateli, 8. Usługi online, 9. Aby wrócić do usług automatycznych, proszę nacisnąć gwiazdkę.
appt-offer = Najbliższy wolny termin wizyty: { $start }, w oddziale: { $office }. Aby zarezerwować, proszę nacisnąć 1. Aby wrócić do usług automatycznych, proszę nacisnąć 2.
appt-ask-mobile = Proszę wprowadzić numer telefonu komórkowego, na który wyślemy SMS z potwierdzeniem, a następnie nacisnąć krzyżyk.
appt-booked = Wizyta została zarezerwowana: { $start }, w oddziale: { $office }. Kod rezerwacji: { $code }. Potwierdzenie zostanie wysłane SMS-em.
appt-conflict = Przepraszamy, ten termin został właśnie zarezerwowany przez inną osobę. Szukamy następnego wolnego terminu.
appt-mobile-invalid = Wprowadzony numer nie jest prawidłowym numerem telefonu komórkowego.
appt-unavailable = W tej chwili nie ma wolnych terminów w tej sprawie. Prosimy spróbować ponownie w najbliższych dniach albo zwrócić się do konsultanta.
appt-not-found = Nie znaleźliśmy oddziału właściwego dla miejsca zamieszkania. Aby umówić wizytę, prosimy zwrócić się do konsultanta.

## Survey (R-SURV-1, R-SURV-2; questions as in SurveySpec::inps_default)

survey-intro-agent = Zanim się pożegnamy, prosimy o ocenę rozmowy z konsultantem: to tylko dwa pytania. Jeśli nie chcą Państwo odpowiadać, można się rozłączyć.
survey-intro-automated = Zanim się pożegnamy, prosimy o ocenę usługi automatycznej: to tylko dwa pytania. Jeśli nie chcą Państwo odpowiadać, można się rozłączyć.
survey-satisfaction = Jak ocenia Pan lub Pani otrzymaną obsługę? Proszę wystawić ocenę od 1, zupełnie niezadowolony, do 5, bardzo zadowolony.
survey-resolved = Czy sprawa została załatwiona? Proszę nacisnąć 1, jeśli tak, lub 2, jeśli nie.
survey-thanks = Dziękujemy za ocenę.

## Certificazione Unica line, 800 434 320 (R-CHAN-5)

cu-welcome = Witamy w serwisie INPS dotyczącym Certificazione Unica. Aby zmienić język, proszę nacisnąć 9; w przeciwnym razie prosimy pozostać na linii.
cu-closed = Bezpłatny numer dla Certificazione Unica jest aktywny tylko w czasie corocznej kampanii. Certificazione Unica jest zawsze dostępna w strefie osobistej MyINPS na stronie inps.it. Dziękujemy za telefon. Do widzenia.
cu-other-year = Aby podać inny rok, proszę nacisnąć 1. Aby zakończyć połączenie, proszę nacisnąć 0.

# R-SELF-2: public-administration (ex-INPDAP) applications, by name, date of birth and number.
inpdap-ask-surname = Proszę wpisać nazwisko na klawiaturze telefonu, jeden klawisz na każdą literę: na przykład dla litery R klawisz 7. Na koniec proszę nacisnąć krzyżyk.
inpdap-ask-name = Teraz proszę wpisać imię w ten sam sposób, jeden klawisz na każdą literę, a na koniec nacisnąć krzyżyk.
inpdap-ask-birth-date = Proszę wpisać datę urodzenia ośmioma cyframi: dzień, miesiąc i rok. Na przykład dla 5 marca 1961 proszę wpisać 0 5 0 3 1 9 6 1.
inpdap-not-found = Nie ma wniosku w funduszu pracowników administracji publicznej z tymi danymi. Proszę sprawdzić nazwisko, imię, datę urodzenia i numer wniosku.
