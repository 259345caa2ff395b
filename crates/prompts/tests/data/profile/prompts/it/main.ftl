# Test catalog: a few prompts with variables, a selector, a term, an attribute.
-inps = INPS
welcome = Benvenuto nel contact center { -inps }.
menu = Premi 1 per le informazioni, 2 per i servizi automatici.
    .retry = Scelta non valida. { menu }
amount-due = L'importo da pagare è { $amount }, entro il { $deadline }.
tax-code-heard = Hai digitato { $code }.
open-requests = { $count ->
    [0] Non hai domande aperte.
    [one] Hai una domanda aperta.
   *[other] Hai { $count } domande aperte.
}
