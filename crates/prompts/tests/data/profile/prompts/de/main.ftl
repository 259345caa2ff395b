-inps = INPS
welcome = Willkommen beim Contact Center der { -inps }.
menu = Drücken Sie 1 für Informationen, 2 für die automatischen Dienste.
    .retry = Ungültige Auswahl. { menu }
amount-due = Der zu zahlende Betrag ist { $amount }, fällig am { $deadline }.
tax-code-heard = Sie haben { $code } eingegeben.
open-requests = { $count ->
    [0] Sie haben keine offenen Anträge.
    [one] Sie haben einen offenen Antrag.
   *[other] Sie haben { $count } offene Anträge.
}
