from coachkit.cli import main

raise SystemExit(main())
