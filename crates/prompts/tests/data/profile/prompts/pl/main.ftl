-inps = INPS
welcome = Witamy w centrum kontaktowym { -inps }.
menu = Naciśnij 1, aby uzyskać informacje, 2, aby skorzystać z usług automatycznych.
    .retry = Nieprawidłowy wybór. { menu }
amount-due = Kwota do zapłaty wynosi { $amount }, termin płatności: { $deadline }.
tax-code-heard = Wprowadzono { $code }.
open-requests = { $count ->
    [0] Nie masz otwartych wniosków.
    [one] Masz jeden otwarty wniosek.
    [few] Masz { $count } otwarte wnioski.
    [many] Masz { $count } otwartych wniosków.
   *[other] Masz { $count } otwartego wniosku.
}
