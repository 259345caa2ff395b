### Messaggi informativi (R-INFO-1, R-INFO-2). Italiano: testo di riferimento.
### Fatti da DOMAIN §6, inizio 2026. Gli importi cambiano ogni anno: rivedere a gennaio.

# R-INFO-1
info-intro = Prima di metterla in contatto con un operatore, ecco alcune informazioni utili.

# R-INFO-1
info-bonus-asilo-nido =
    Il bonus asilo nido aiuta a pagare la retta dell'asilo nido, pubblico o privato,
    oppure l'assistenza a casa per i bambini sotto i 3 anni con una grave malattia cronica.
    Viene pagato in rate mensili, fino a 11.
    L'importo dipende dall'ISEE e dalla data di nascita del bambino: con le regole del 2025,
    per i bambini nati dal 2024 e con ISEE fino a 40.000 euro, arriva a 3.600 euro l'anno.
    La domanda si presenta online sul sito dell'INPS, inps punto it, allegando le ricevute di pagamento.

# R-INFO-1
info-pin-credentials =
    Per i servizi online dell'INPS serve un'identità digitale: SPID, la carta d'identità elettronica, CIE,
    oppure la carta nazionale dei servizi, CNS.
    Per i servizi al telefono può usare il PIN telefonico: entri nell'area personale MyINPS
    con la sua identità digitale e scelga la funzione PIN telefonico.
    Il PIN vale per il periodo che sceglie: un giorno, una settimana, un mese o 3 mesi.
    Se ne genera uno nuovo, quello precedente non vale più.

# R-INFO-1
info-digital-identity-delegation =
    Chi non riesce a usare i servizi online può delegare una persona di fiducia,
    che agirà per suo conto con il proprio SPID, CIE o CNS.
    La delega si registra in qualsiasi sede INPS con il modulo AA08 e la copia di un documento,
    oppure online nell'area MyINPS, alla voce Deleghe identità digitali.
    Per chi è allettato o ricoverato c'è il modulo AA09; tutori, curatori,
    amministratori di sostegno e genitori usano il modulo AA10.
    Si può avere un solo delegato, e la delega si può revocare in qualsiasi momento.

# R-INFO-1
info-disability-card =
    La Carta europea della disabilità è gratuita e dimostra la condizione di disabilità
    per avere servizi gratuiti o scontati, come trasporti, cultura e tempo libero,
    in Italia e nei Paesi europei che aderiscono.
    Spetta, tra gli altri, agli invalidi civili almeno al 67%, ai minori invalidi
    e a chi riceve l'indennità di accompagnamento.
    Si chiede online sul sito dell'INPS, inps punto it, con una fotografia,
    oppure tramite le associazioni autorizzate.
    Arriva a casa per posta e vale finché dura la condizione, al massimo 10 anni.

# R-INFO-1
info-auu =
    L'Assegno unico e universale è un aiuto mensile per ogni figlio a carico,
    dal settimo mese di gravidanza fino ai 21 anni, senza limiti di età per i figli con disabilità.
    Non serve avere un lavoro, e l'importo dipende dall'ISEE.
    La domanda si fa una sola volta: online, tramite un patronato o a questo numero con il PIN telefonico,
    e poi prosegue da sola negli anni successivi.
    Ricordi di rinnovare l'ISEE ogni anno, a gennaio o febbraio, e di aggiornare la domanda
    se cambia qualcosa, per esempio una nascita o l'IBAN.

# R-INFO-1
info-pension-video-guide =
    Quando la pensione viene liquidata, l'INPS invia ai nuovi pensionati un SMS o una e-mail
    con il link a una video guida personalizzata e interattiva.
    La guida spiega con parole semplici la sua pensione: come è stata calcolata, l'importo,
    le tasse, il cedolino mensile e i servizi online utili.
    Se ha perso il link, trova la video guida nell'area personale MyINPS o nell'app IO.

# R-INFO-1
info-degree-redemption =
    Il riscatto agevolato della laurea permette di far contare per la pensione gli anni di università,
    nei limiti della durata legale del corso, per i periodi dal 1996 in poi.
    Può chiederlo anche chi non ha ancora lavorato, a qualsiasi età.
    Il costo è fisso per ogni anno riscattato: nel 2025 era di 6.123,15 euro.
    Si può pagare in un'unica volta o fino a 120 rate mensili senza interessi, ed è deducibile dalle tasse.
    La domanda si presenta online sul sito dell'INPS, inps punto it.

# R-INFO-1
info-sickness-benefit =
    L'indennità di malattia spetta a molti dipendenti del settore privato, come operai,
    dipendenti del commercio e dei servizi, apprendisti e lavoratori agricoli;
    non spetta a lavoratori domestici, impiegati dell'industria e lavoratori autonomi.
    Il certificato lo invia il medico, online.
    Si paga dal quarto giorno: il 50% della retribuzione media giornaliera fino al ventesimo giorno,
    il 66,66% dal ventunesimo, per al massimo 180 giorni l'anno; di solito la anticipa il datore di lavoro.
    Durante la malattia deve essere reperibile a casa negli orari delle visite di controllo.

# R-INFO-1
info-io-domestic-due-dates =
    Se ha un lavoratore domestico, come una colf, una badante o una baby sitter,
    l'app IO può ricordarle ogni scadenza dei contributi, e può pagare direttamente nell'app.
    I contributi si pagano ogni 3 mesi, nei primi 10 giorni di aprile, luglio, ottobre e gennaio.
    Per ricevere i promemoria, entri nell'app IO con SPID o CIE, apra i servizi dell'INPS
    e verifichi che i messaggi siano attivi; deve anche aver scelto di ricevere
    gli avvisi di pagamento pagoPA per il lavoro domestico.

# R-INFO-1
info-io-linea-progress =
    Se ha inviato una richiesta all'INPS tramite Linea INPS o INPS Risponde,
    l'app IO le segnala ogni avanzamento della richiesta.
    Per ricevere gli avvisi, entri nell'app IO con SPID o CIE, apra i servizi dell'INPS
    e verifichi che i messaggi siano attivi.
    Può controllare lo stato della richiesta anche con i servizi automatici di questo numero,
    con il codice fiscale e il numero della richiesta.

# R-INFO-1
info-adi =
    L'Assegno di inclusione è un sostegno contro la povertà per le famiglie con una persona con disabilità,
    un minorenne, una persona di almeno 60 anni o una persona svantaggiata seguita dai servizi sociali.
    Serve un ISEE basso: nel 2025, fino a 10.140 euro.
    Si riceve sulla Carta ADI per 18 mesi, rinnovabili di 12 mesi in 12 mesi;
    dal 2026, al rinnovo, il primo mese è pagato al 50%.
    La domanda si presenta online, tramite patronato o CAF;
    poi si firma il patto di attivazione sulla piattaforma SIISL.

# R-INFO-1
info-sfl =
    Il Supporto per la formazione e il lavoro è per le persone tra i 18 e i 59 anni
    in famiglie con ISEE basso, nel 2025 fino a 10.140 euro,
    che partecipano a corsi di formazione o a progetti per il lavoro.
    Vale 500 euro al mese per la durata del progetto, al massimo 12 mesi,
    con una possibile proroga se il corso non è ancora finito.
    Non spetta a chi si è dimesso volontariamente nei 12 mesi precedenti.
    La domanda si presenta online sul sito dell'INPS, inps punto it;
    poi si firma il patto di attivazione sulla piattaforma SIISL.

# R-INFO-1
info-pin-intermediaries =
    Anche aziende e intermediari, come consulenti del lavoro, CAF e patronati,
    accedono ai servizi online dell'INPS solo con un'identità digitale personale: SPID, CIE o CNS.
    Il vecchio PIN dell'INPS non si può più usare.
    Ogni persona che opera per un'azienda o per un intermediario entra con le proprie credenziali
    e deve essere abilitata a quel ruolo.
    I servizi si trovano sul sito dell'INPS, inps punto it; per le abilitazioni, l'operatore può darle indicazioni.

# R-INFO-2
menu-naspi =
    Naspi, l'indennità di disoccupazione.
    Per i requisiti, prema 1. Per sapere come fare domanda, prema 2.
    Per la durata e la decorrenza, prema 3. Per l'importo, prema 4.
    Per parlare con un operatore, prema 9.

# R-INFO-2
detail-naspi-requirements =
    La Naspi spetta ai lavoratori dipendenti che perdono il lavoro senza volerlo,
    anche con dimissioni per giusta causa; comprende apprendisti, soci di cooperativa
    e dipendenti pubblici a tempo determinato.
    Servono almeno 13 settimane di contributi nei 4 anni prima della disoccupazione.
    Chi si è dimesso volontariamente da un altro lavoro nei 12 mesi precedenti
    deve aver maturato le 13 settimane nel nuovo lavoro.
    Non spetta ai dipendenti pubblici a tempo indeterminato, agli operai agricoli
    e a chi ha già i requisiti per la pensione.

# R-INFO-2
detail-naspi-how-to-apply =
    La domanda di Naspi si presenta online sul sito dell'INPS, inps punto it,
    con SPID, CIE o CNS, oppure tramite un patronato.
    Va presentata entro 68 giorni dalla fine del rapporto di lavoro.

# R-INFO-2
detail-naspi-duration =
    La Naspi dura la metà delle settimane di contributi degli ultimi 4 anni, al massimo 24 mesi.
    Spetta dall'ottavo giorno dopo la fine del lavoro,
    oppure dal giorno dopo la domanda, se la domanda è presentata più tardi.

# R-INFO-2
detail-naspi-amount =
    La Naspi è pari al 75% della retribuzione media mensile fino a 1.456,72 euro,
    più il 25% della parte che supera questa cifra; sono i valori del 2026.
    L'importo non può superare 1.584,70 euro lordi al mese.
    Dal sesto mese si riduce del 3% ogni mese, oppure dall'ottavo mese se ha almeno 55 anni.

# R-INFO-2
menu-auu =
    Assegno unico e universale per i figli.
    Per i requisiti, prema 1. Per sapere come fare domanda, prema 2.
    Per la durata e la decorrenza, prema 3. Per l'importo, prema 4.
    Per parlare con un operatore, prema 9.

# R-INFO-2
detail-auu-requirements =
    L'Assegno unico spetta per ogni figlio a carico, dal settimo mese di gravidanza fino ai 18 anni.
    Tra i 18 e i 21 anni spetta se il figlio studia, fa formazione, lavora con un reddito basso,
    cerca lavoro o fa il servizio civile.
    Per i figli con disabilità non ci sono limiti di età.
    Non serve avere un lavoro.

# R-INFO-2
detail-auu-how-to-apply =
    La domanda di Assegno unico si presenta una sola volta: online sul sito dell'INPS, inps punto it,
    tramite un patronato, oppure a questo numero con il PIN telefonico.
    Una domanda accolta prosegue da sola negli anni successivi; va aggiornata se cambia qualcosa,
    per esempio una nascita, una disabilità, l'IBAN o un figlio che compie 18 anni.

# R-INFO-2
detail-auu-duration =
    L'Assegno unico si paga ogni mese, dal settimo mese di gravidanza fino ai 21 anni del figlio,
    senza limiti di età per i figli con disabilità.
    L'ISEE va rinnovato ogni anno, a gennaio o febbraio:
    se lo presenta entro il 30 giugno, riceve anche gli arretrati da marzo.

# R-INFO-2
detail-auu-amount =
    L'importo dipende dall'ISEE. Nel 2026, con ISEE fino a 17.468,51 euro,
    spettano 203,80 euro al mese per ogni figlio minorenne;
    con ISEE da 46.582,71 euro in su, o senza ISEE, 58,30 euro.
    Per i figli tra 18 e 21 anni, da 99,10 a 29,10 euro.
    Ci sono maggiorazioni per i figli sotto 1 anno, le famiglie numerose, i figli con disabilità
    e quando lavorano entrambi i genitori.

# R-INFO-2
menu-maternity-paternity =
    Congedo di maternità e congedo di paternità.
    Per i requisiti, prema 1. Per sapere come fare domanda, prema 2.
    Per la durata e la decorrenza, prema 3. Per l'importo, prema 4.
    Per parlare con un operatore, prema 9.

# R-INFO-2
detail-maternity-paternity-requirements =
    Il congedo di maternità spetta alle lavoratrici dipendenti, e anche alle lavoratrici autonome,
    alle iscritte alla Gestione separata e alle disoccupate entro 60 giorni dalla fine dell'ultimo lavoro.
    Il congedo di paternità obbligatorio spetta ai padri lavoratori dipendenti,
    del settore pubblico e privato, compresi i lavoratori domestici.

# R-INFO-2
detail-maternity-paternity-how-to-apply =
    Per la maternità, la domanda si presenta online prima dell'inizio del congedo,
    e comunque non oltre un anno dalla sua fine, indicando il numero di protocollo
    del certificato telematico di gravidanza; la nascita va comunicata entro 30 giorni.
    Per la paternità, il padre avvisa il datore di lavoro almeno 5 giorni prima,
    e fa domanda all'INPS solo se è l'INPS a pagarlo direttamente.
    Le domande si fanno sul sito dell'INPS, inps punto it, con SPID, CIE o CNS.

# R-INFO-2
detail-maternity-paternity-duration =
    Il congedo di maternità dura 5 mesi: di solito 2 mesi prima della data prevista del parto e 3 dopo;
    con il parere favorevole del medico, 1 mese prima e 4 dopo, oppure tutti e 5 dopo il parto.
    Il congedo di paternità dura 10 giorni lavorativi, 20 in caso di parto plurimo,
    da usare tra 2 mesi prima e 5 mesi dopo la nascita, anche non di seguito
    e anche durante il congedo della madre.

# R-INFO-2
detail-maternity-paternity-amount =
    Per le lavoratrici dipendenti, il congedo di maternità è pagato all'80%
    della retribuzione media giornaliera; di solito lo anticipa il datore di lavoro,
    mentre per le lavoratrici domestiche e in alcuni altri casi paga direttamente l'INPS.
    Il congedo di paternità è pagato al 100% della retribuzione.

# R-INFO-2
menu-parental-leave =
    Congedo parentale.
    Per i requisiti, prema 1. Per sapere come fare domanda, prema 2.
    Per la durata e la decorrenza, prema 3. Per l'importo, prema 4.
    Per parlare con un operatore, prema 9.

# R-INFO-2
detail-parental-leave-requirements =
    Il congedo parentale è un periodo facoltativo di assenza dal lavoro
    per i genitori lavoratori dipendenti.
    Ogni genitore ha diritto a 3 mesi che non può cedere all'altro.
    Dal 2026 si può usare fino ai 14 anni del figlio.

# R-INFO-2
detail-parental-leave-how-to-apply =
    La domanda di congedo parentale si presenta prima di iniziare il congedo,
    online sul sito dell'INPS, inps punto it, con SPID, CIE o CNS, oppure tramite un patronato.

# R-INFO-2
detail-parental-leave-duration =
    Il congedo parentale dura in tutto fino a 10 mesi per la coppia,
    11 se il padre ne prende almeno 3.
    Ogni genitore ha 3 mesi che non può cedere all'altro.
    Dal primo gennaio 2026 si può usare fino ai 14 anni del figlio; prima il limite era 12 anni.

# R-INFO-2
detail-parental-leave-amount =
    Nel congedo parentale, 3 mesi sono pagati all'80% della retribuzione, se presi entro i 6 anni del figlio,
    per i genitori che hanno finito il congedo di maternità o di paternità dopo il 31 dicembre 2024.
    Altri 6 mesi sono pagati al 30%.
    I mesi restanti sono pagati al 30% solo ai genitori con un reddito basso.
