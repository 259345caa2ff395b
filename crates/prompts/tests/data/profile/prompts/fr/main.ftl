-inps = INPS
welcome = Bienvenue au centre de contact de l'{ -inps }.
menu = Tapez 1 pour les informations, 2 pour les services automatiques.
    .retry = Choix non valide. { menu }
amount-due = Le montant à payer est de { $amount }, avant le { $deadline }.
tax-code-heard = Vous avez saisi { $code }.
open-requests = { $count ->
    [0] Vous n'avez aucune demande en cours.
    [one] Vous avez une demande en cours.
   *[other] Vous avez { $count } demandes en cours.
}
